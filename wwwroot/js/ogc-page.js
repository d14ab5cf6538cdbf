// Draws the features of an OGC API HTML page (GeoJSON in CRS84 embedded in the page) on a small Leaflet map.
/* global L */
(() => {
  const data = document.getElementById('ogc-features');
  if (!data || !window.L) return;
  const map = L.map('ogc-map', { maxZoom: 16 });
  map.attributionControl.addAttribution('Hranice: © ČÚZK (RÚIAN, CC BY 4.0); obyvatelé: © ČSÚ; registr: MPSV');
  const layer = L.geoJSON(JSON.parse(data.textContent), {
    style: { color: '#2c7fb8', weight: 1.5, fillOpacity: 0.15 },
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 5, color: '#253494', fillOpacity: 0.7 }),
    // A text node, never a string: Leaflet would read a string as HTML, and these texts come from data.
    onEachFeature: (f, l) => l.bindTooltip(document.createTextNode(String(f.properties?.name ?? f.properties?.address ?? f.id))),
  }).addTo(map);
  const bounds = layer.getBounds();
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
  else map.setView([49.8, 15.5], 7);
})();
