// Boot, data refresh and the URL state of the map page.
import { api, hideError, showError } from './api.js';
import { cardFor } from './card.js';
import { FILTER_KEYS, getFilters, initFilters, setFilters, setOrpOptions } from './filters.js';
import { initListKeys, renderList, setActive } from './list.js';
import * as mapView from './map.js';

const DEFAULT_KRAJ = 'CZ071';

let kraje;
let obceTileUrl = null; // vector tiles of all obce, for the whole-country view
let units = {}; // capacity type code → {code, name, unit}
let chosenUnit = ''; // the user's choice; '' means "the unit with the largest total"
let orpKraj = null; // kraj whose ORP fill the ORP select
let krajDrawn = null; // kraj highlighted among the outlines
let lastStats = null;
let controller = null;
let booted = false;

const setReady = (v) => { document.body.dataset.ready = v; };
const unitSelect = () => document.getElementById('f-unit');

function readUrl() {
  const q = new URLSearchParams(location.search);
  const num = (k) => (q.get(k) == null || q.get(k) === '' ? NaN : Number(q.get(k)));
  const view = { z: num('z'), lat: num('lat'), lon: num('lon') };
  const hasView = Object.values(view).every(Number.isFinite);
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, q.get(k) || '']));
  // A bare URL opens the default kraj; any stated filter or view is taken as it is.
  if (!hasView && !FILTER_KEYS.some((k) => q.has(k))) filters.kraj = DEFAULT_KRAJ;
  return { filters, view: hasView ? view : null, unit: q.get('jednotka') || '' };
}

function writeUrl() {
  if (!booted) return;
  const q = new URLSearchParams();
  const f = getFilters();
  for (const k of FILTER_KEYS) if (f[k]) q.set(k, f[k]);
  if (chosenUnit) q.set('jednotka', chosenUnit);
  const v = mapView.getView();
  q.set('z', String(v.z));
  q.set('lat', v.lat.toFixed(5));
  q.set('lon', v.lon.toFixed(5));
  history.replaceState(null, '', `${location.pathname}?${q}`);
}

async function loadOrpOptions(kraj, signal) {
  if (kraj === orpKraj) return;
  const fc = kraj ? await api.orp(kraj, signal) : null;
  setOrpOptions(fc?.features ?? null);
  orpKraj = kraj;
}

// Units present in the stats, largest total first.
function unitsPresent(stats) {
  const totals = new Map();
  for (const f of stats.features) {
    for (const [u, n] of Object.entries(f.properties.capacity || {})) totals.set(u, (totals.get(u) || 0) + (n || 0));
  }
  return [...totals].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).map(([u]) => u);
}

function drawChoropleth() {
  if (!lastStats) return;
  const present = unitsPresent(lastStats);
  const unit = present.includes(chosenUnit) ? chosenUnit : present[0] || '';
  const select = unitSelect();
  select.replaceChildren(...(present.length ? present : ['']).map((u) => {
    const o = document.createElement('option');
    o.value = u;
    o.textContent = u ? units[u]?.name || u : 'žádná kapacita';
    return o;
  }));
  select.value = unit;
  select.disabled = present.length < 2;
  mapView.setChoropleth(lastStats, unit, units, getFilters().orp);
}

function fitToSelection() {
  const f = getFilters();
  // The stats layer holds the chosen kraj's ORP (or all of them), so it is the kraj's extent.
  mapView.fitTo((f.orp && mapView.orpBounds(f.orp)) || mapView.orpLayerBounds() || (f.kraj && mapView.krajBounds(f.kraj)));
}

let returnFocus = null; // {id, button}: where focus goes back when that popup closes

function openFeature(f, button) {
  returnFocus = { id: String(f.id), button };
  const opened = mapView.openMarker(f.id, (popupEl) => popupEl?.querySelector('.card-box')?.focus({ preventScroll: true }));
  if (!opened) openDialog(f, button);
}

function openDialog(f, button) {
  const dialog = document.getElementById('card-dialog');
  dialog.querySelector('.dialog-body').replaceChildren(cardFor(f, { onCatchmentShown: () => dialog.close() }));
  dialog.addEventListener('close', () => button?.focus(), { once: true });
  dialog.showModal();
}

function onPopupClose(id) {
  setActive(null);
  if (returnFocus?.id !== id) return;
  const active = document.activeElement;
  if (!active || active === document.body || document.getElementById('map').contains(active)) {
    returnFocus.button?.focus({ preventScroll: true });
  }
  returnFocus = null;
}

function render(services, stats) {
  const features = services.features || [];
  mapView.setMarkers(features, {
    popupContent: (f, onLoaded) => cardFor(f, { onLoaded }),
    onOpen: setActive,
    onClose: onPopupClose,
  });
  renderList(features, { onActivate: openFeature, hasLocation: (f) => mapView.hasMarker(f.id) });
  lastStats = stats;
  drawChoropleth();
}

async function refresh({ fit = false } = {}) {
  controller?.abort();
  const mine = (controller = new AbortController());
  setReady('0');
  document.getElementById('results').setAttribute('aria-busy', 'true');
  try {
    const f = getFilters();
    if (f.kraj !== krajDrawn) mapView.setKraje(kraje, (krajDrawn = f.kraj));
    mapView.setObceTiles(f.kraj ? null : obceTileUrl);
    const [services, stats] = await Promise.all([
      api.services(f, mine.signal),
      api.statsOrp({ kraj: f.kraj, druh: f.druh, forma: f.forma, cilova: f.cilova, q: f.q }, mine.signal),
      loadOrpOptions(f.kraj, mine.signal),
    ]);
    if (mine.signal.aborted) return;
    hideError();
    render(services, stats);
    if (fit) fitToSelection();
  } catch (err) {
    if (err.name === 'AbortError') return;
    showError(err);
  }
  if (controller === mine) {
    document.getElementById('results').removeAttribute('aria-busy');
    writeUrl();
    setReady('1');
  }
}

function onFilterChange(name) {
  writeUrl();
  refresh({ fit: ['kraj', 'orp', 'reset'].includes(name) });
}

async function boot() {
  setReady('0');
  const state = readUrl();
  chosenUnit = state.unit;
  document.querySelector('#error .error-close').addEventListener('click', hideError);
  try {
    let config, taxonomy, obceTiles;
    [config, taxonomy, kraje, obceTiles] = await Promise.all([
      api.config().catch(() => ({})), api.taxonomy(), api.kraje(), api.tileJson('obce').catch(() => null)]);
    obceTileUrl = obceTiles?.tiles?.[0] ?? null;
    units = Object.fromEntries((taxonomy.capacityTypes || []).map((c) => [c.code, c]));
    mapView.createMap(config, writeUrl);
    initFilters({ taxonomy, kraje }, onFilterChange);
    setFilters({ kraj: state.filters.kraj });
    await loadOrpOptions(getFilters().kraj);
  } catch (err) {
    showError(err);
    setReady('error');
    return;
  }
  const unknown = setFilters(state.filters);
  if (state.view) mapView.setView(state.view);
  unitSelect().addEventListener('change', (e) => {
    chosenUnit = e.target.value;
    drawChoropleth();
    writeUrl();
  });
  // Typing schedules a debounced refetch: the data on screen is already stale.
  document.getElementById('f-q').addEventListener('input', () => setReady('0'));
  initListKeys();
  booted = true;
  await refresh({ fit: !state.view });
  if (unknown.length) showError(`Adresa stránky obsahovala neznámé hodnoty filtru (${unknown.join(', ')}); byly vynechány.`);
}

boot();
