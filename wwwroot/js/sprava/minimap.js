// A small Leaflet map inside a form, with the basemap when one is configured.
/* global L */
import '../leaflet-cs.js';
import { getJson } from '../api.js';

let config = null;
const loadConfig = () => (config ??= getJson('/api/config').catch(() => ({})));

export const CZECHIA = [[48.55, 12.09], [51.06, 18.86]];

/** Creates the map in `div` (which must be in the page); resolves with the Leaflet map. */
export async function miniMap(div) {
  const cfg = await loadConfig();
  const map = L.map(div, { zoomSnap: 0.25, minZoom: 6, maxZoom: cfg.tileUrl ? 18 : 16, attributionControl: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution('Hranice: © ČÚZK (RÚIAN, CC BY 4.0)');
  if (cfg.tileUrl) {
    L.tileLayer(cfg.tileUrl, { attribution: cfg.tileAttribution || '', maxZoom: 19 }).addTo(map);
    div.classList.add('has-tiles');
  }
  L.control.scale({ imperial: false }).addTo(map);
  map.fitBounds(CZECHIA);
  // Forms change height as errors come and go; the map must follow its box.
  new ResizeObserver(() => map.invalidateSize()).observe(div);
  return map;
}
