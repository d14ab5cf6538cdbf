// "V okolí bodu": a point (picked on the map or the map centre) and a radius in km, drawn as a circle.
/* global L */
import { formatNumber } from './format.js';

const DEFAULT_KM = 20;
const MAX_KM = 200;

let map, circle, centre, onChange;
let point = null; // [lon, lat]
let picking = false;
let visible = false;

const $ = (id) => document.getElementById(id);
const enabled = () => $('f-near').checked;

function radiusKm() {
  const km = Number($('f-radius').value);
  return Number.isFinite(km) && km > 0 ? Math.min(km, MAX_KM) : DEFAULT_KM;
}

function draw() {
  circle?.remove();
  centre?.remove();
  circle = centre = null;
  const on = enabled() && point;
  $('near-controls').hidden = !enabled();
  $('near-point').textContent = point
    ? `Střed: ${point[1].toFixed(4).replace('.', ',')} s. š., ${point[0].toFixed(4).replace('.', ',')} v. d.; okruh ${formatNumber(radiusKm())} km`
    : 'Střed okruhu zatím není zvolen.';
  if (!on || !map || !visible) return;
  const latlng = [point[1], point[0]];
  circle = L.circle(latlng, { radius: radiusKm() * 1000, interactive: false, className: 'near-circle', color: '#0f766e', weight: 2, dashArray: '5 5', fillOpacity: 0.06 }).addTo(map);
  centre = L.circleMarker(latlng, { radius: 5, interactive: false, className: 'near-centre', color: '#fff', weight: 2, fillColor: '#0f766e', fillOpacity: 1 }).addTo(map);
}

function setPicking(on) {
  picking = on;
  const button = $('near-pick');
  button.setAttribute('aria-pressed', String(on));
  button.textContent = on ? 'Klikněte do mapy… (Esc zruší)' : 'Vybrat bod v mapě';
  map?.getContainer().classList.toggle('picking', on);
}

function setPoint(lonLat) {
  point = lonLat;
  draw();
  onChange();
}

const mapCentre = () => [map.getCenter().lng, map.getCenter().lat];

export function initNear(leafletMap, changed) {
  map = leafletMap;
  onChange = changed;
  $('f-near').addEventListener('change', () => {
    if (enabled() && !point) point = mapCentre();
    if (!enabled()) setPicking(false);
    draw();
    onChange();
  });
  $('f-radius').addEventListener('change', () => {
    $('f-radius').value = String(radiusKm());
    draw();
    if (point) onChange();
  });
  $('near-center').addEventListener('click', () => setPoint(mapCentre()));
  $('near-pick').addEventListener('click', () => setPicking(!picking));
  map.on('click', (e) => {
    if (!picking) return;
    setPicking(false);
    setPoint([e.latlng.lng, e.latlng.lat]);
    $('near-pick').focus();
  });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && picking) setPicking(false); });
  draw();
}

/** The API parameters: near=lon,lat and radiusKm, or nothing when the filter is off. */
export function nearParams() {
  if (!enabled() || !point) return {};
  return { near: `${point[0].toFixed(5)},${point[1].toFixed(5)}`, radiusKm: String(radiusKm()) };
}

/** Distance in km between two [lon, lat] points (haversine), to tell whether a pushed vacancy lies in the circle. */
export function distanceKm(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export const nearBounds = () => circle?.getBounds() ?? null;

export function readNear(q) {
  const parts = (q.get('bod') || '').split(',').map(Number);
  const ok = parts.length === 2 && parts.every(Number.isFinite);
  $('f-near').checked = ok;
  point = ok ? parts : null;
  if (q.get('okruh')) $('f-radius').value = q.get('okruh');
  $('f-radius').value = String(radiusKm());
  draw();
}

export function writeNear(q) {
  if (!enabled() || !point) return;
  q.set('bod', `${point[0].toFixed(5)},${point[1].toFixed(5)}`);
  q.set('okruh', String(radiusKm()));
}

export function resetNear() {
  $('f-near').checked = false;
  $('f-radius').value = String(DEFAULT_KM);
  point = null;
  setPicking(false);
  draw();
}

/** The circle only belongs to the vacancy view. */
export function showNear(on) {
  visible = on;
  if (!on) setPicking(false);
  draw();
}
