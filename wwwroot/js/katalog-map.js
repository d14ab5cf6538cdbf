// The small map of a service page: its places (from the page's own list) and its catchment area, drawn over the
// basemap the map page uses (none unless configured). Progressive enhancement: the page says everything without it.
/* global L */

const DATA_ATTRIBUTION = 'Hranice: © ČÚZK (RÚIAN, CC BY 4.0); registr: MPSV';

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  return response.ok ? response.json() : null;
}

async function drawServiceMap(box) {
  const places = [...document.querySelectorAll('.places .place[data-lat]')].map((p) => ({
    latlng: [Number(p.dataset.lat), Number(p.dataset.lon)], name: p.dataset.name,
  }));
  const [config, catchment] = await Promise.all([
    getJson('/api/config'),
    box.dataset.catchment ? getJson(`/api/map/services/${encodeURIComponent(box.dataset.service)}/catchment`) : null,
  ]);
  box.hidden = false;
  const map = L.map(box, { zoomSnap: 0.5, maxZoom: config?.tileUrl ? 18 : 14, scrollWheelZoom: false, zoomControl: false });
  L.control.zoom({ zoomInTitle: 'Přiblížit', zoomOutTitle: 'Oddálit' }).addTo(map);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(DATA_ATTRIBUTION);
  if (config?.tileUrl) L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || '', maxZoom: 19 }).addTo(map);
  // Layers are added after the view is set: Leaflet's vector renderer needs one.
  const layers = [];
  if (catchment) {
    layers.push(L.geoJSON(catchment, { style: { color: '#c2410c', weight: 2, fillOpacity: 0.12 }, interactive: false }));
  }
  for (const place of places) {
    layers.push(L.circleMarker(place.latlng, { radius: 7, color: '#fff', weight: 2, fillColor: '#1f4e79', fillOpacity: 1 })
      // A text node: Leaflet puts a string into the tooltip as HTML, and the name comes from the provider.
      .bindTooltip(document.createTextNode(place.name)));
  }
  const group = L.featureGroup(layers);
  if (layers.length) map.fitBounds(group.getBounds(), { padding: [20, 20], maxZoom: 13 });
  else map.setView([49.8, 15.5], 7);
  group.addTo(map);
  box.dataset.ready = '1';
}

const box = document.getElementById('service-map');
if (box && window.L) drawServiceMap(box);
