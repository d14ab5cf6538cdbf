// Reference data for the management forms, each loaded once per page: taxonomy, kraje, ORP and obce of a kraj.
import { getJson } from '../api.js';

const cache = new Map();
function once(key, load) {
  if (!cache.has(key)) cache.set(key, load().catch((err) => { cache.delete(key); throw err; }));
  return cache.get(key);
}

const byName = (a, b) => a.properties.name.localeCompare(b.properties.name, 'cs');

export const taxonomy = () => once('taxonomy', () => getJson('/api/catalogue/taxonomy'));
export const kraje = () => once('kraje', async () => (await getJson('/api/territory/kraje')).features.sort(byName));
export const orpOf = (kraj) => once(`orp:${kraj}`, async () => (await getJson(`/api/territory/orp?kraj=${encodeURIComponent(kraj)}`)).features.sort(byName));
export const obceOf = (kraj) => once(`obce:${kraj}`, async () => (await getJson(`/api/territory/obce?kraj=${encodeURIComponent(kraj)}`)).features.sort(byName));

function inRing([x, y], ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether [lon, lat] lies in a GeoJSON Polygon or MultiPolygon feature (holes respected). */
export function contains(feature, point) {
  const g = feature.geometry;
  if (!g) return false;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  return polygons.some(([outer, ...holes]) => inRing(point, outer) && !holes.some((h) => inRing(point, h)));
}

/** The kraj (NUTS3) a point lies in, or null. */
export async function krajAt(point) {
  if (!point) return null;
  return (await kraje()).find((k) => contains(k, point))?.properties.nuts3 ?? null;
}
