// Boot, data refresh and the URL state of the map page, with its three views: services, vacancies and demand.
import { initAccountLink } from './account.js';
import { api, hideError, showError } from './api.js';
import { cardFor, showServiceCatchment } from './card.js';
import { setReady } from './dom.js';
import * as demand from './demand.js';
import {
  FILTER_KEYS, getFilters, hasOption, initFilters, restrictDruhy, setFilters, setObecOptions, setOrpOptions,
} from './filters.js';
import { initListKeys, renderList, setActive } from './list.js';
import * as mapView from './map.js';
import { initNear, nearBounds, readNear, resetNear, showNear, writeNear } from './near.js';
import * as vacancies from './vacancies.js';
import { vacancyCard } from './vacancy-card.js';
import { initVacancyLayer, openVacancy, showVacancyLayer } from './vacancy-layer.js';
import { restoreServiceEmptyText } from './vacancy-list.js';

const DEFAULT_KRAJ = 'CZ071';
const LAYER_PARAM = 'vrstva';
const VACANCY_LAYER = 'volna-mista';
const DEMAND_LAYER = 'poptavka';
const LAYERS = { [VACANCY_LAYER]: 'vacancies', [DEMAND_LAYER]: 'demand' }; // URL value → view; none = services
const LAYER_PARAMS = { vacancies: VACANCY_LAYER, demand: DEMAND_LAYER };
// The open card (a result's id in the services or vacancies view) and the shown catchment area (a service id),
// kept in the URL so that a shared link opens them again.
const CARD_PARAM = 'karta';
const CATCHMENT_PARAM = 'pusobnost';
const TITLES = {
  services: ['Výsledky', 'Přeskočit na seznam služeb', 'Mapa trhu sociálních služeb – KISSoS', '#results-list'],
  vacancies: ['Volná místa', 'Přeskočit na seznam volných míst', 'Volná místa v sociálních službách – KISSoS', '#results-list'],
  demand: ['Poptávka', 'Přeskočit na tabulku poptávky', 'Poptávka po sociálních službách – KISSoS', '#demand-results'],
};
// Keys that state a filter: a URL with none of them opens the default kraj.
const STATED_KEYS = [...FILTER_KEYS, 'bezbarierove', 'bod'];

let kraje;
let obceTileUrl = null; // vector tiles of all obce, for the whole-country view
let units = {}; // capacity type code → {code, name, unit}
let chosenUnit = ''; // the user's choice; '' means "the unit with the largest total"
let layer = 'services'; // or 'vacancies', 'demand'
let orpKraj = null; // kraj whose ORP fill the ORP select
let orpFeatures = null;
let obecOrp = null; // ORP whose obce fill the obec select
let obecFeatures = null;
let krajDrawn = null; // kraj highlighted among the outlines
let lastStats = null;
let controller = null;
let pendingFit = false;
let booted = false;

const $ = (id) => document.getElementById(id);
const unitSelect = () => $('f-unit');

function readUrl() {
  const q = new URLSearchParams(location.search);
  const num = (k) => (q.get(k) == null || q.get(k) === '' ? NaN : Number(q.get(k)));
  const view = { z: num('z'), lat: num('lat'), lon: num('lon') };
  const hasView = Object.values(view).every(Number.isFinite);
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, q.get(k) || '']));
  // A bare URL opens the default kraj; any stated filter or view is taken as it is.
  if (!hasView && !STATED_KEYS.some((k) => q.has(k))) filters.kraj = DEFAULT_KRAJ;
  return {
    q,
    filters,
    view: hasView ? view : null,
    unit: q.get('jednotka') || '',
    layer: LAYERS[q.get(LAYER_PARAM)] || 'services',
    card: q.get(CARD_PARAM) || '',
    catchment: q.get(CATCHMENT_PARAM) || '',
  };
}

function writeUrl() {
  if (!booted) return;
  const q = new URLSearchParams();
  if (LAYER_PARAMS[layer]) q.set(LAYER_PARAM, LAYER_PARAMS[layer]);
  const f = getFilters();
  for (const k of FILTER_KEYS) if (f[k]) q.set(k, f[k]);
  if (layer === 'vacancies') {
    if ($('f-bezbar').checked) q.set('bezbarierove', '1');
    writeNear(q);
  } else if (layer === 'demand') {
    demand.writeDemand(q, f);
  } else if (chosenUnit) {
    q.set('jednotka', chosenUnit);
  }
  if (openCard && layer !== 'demand') q.set(CARD_PARAM, openCard);
  if (mapView.shownCatchment()) q.set(CATCHMENT_PARAM, mapView.shownCatchment());
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
  orpFeatures = fc?.features ?? null;
  orpKraj = kraj;
}

async function loadObecOptions(orp, signal) {
  if (orp === obecOrp) return;
  const fc = orp ? await api.obce({ orp }, signal) : null;
  setObecOptions(fc?.features ?? null);
  obecFeatures = fc?.features ?? null;
  obecOrp = orp;
}

const obecFeature = (code) => (code && obecFeatures?.find((o) => o.properties.code === code)) || null;

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
  // The ORP layer holds the chosen kraj's ORP (or, for services, all of them), so it is the kraj's extent.
  mapView.fitTo((f.obec && mapView.obecBounds())
    || (f.orp && mapView.orpBounds(f.orp))
    || (layer === 'vacancies' && nearBounds())
    || mapView.orpLayerBounds()
    || (f.kraj ? mapView.krajBounds(f.kraj) : mapView.krajLayerBounds()));
}

let returnFocus = null; // {id, button}: where focus goes back when that popup closes
let openCard = null; // id of the result whose card is open, in a popup or the dialog

function cardOpened(id) {
  openCard = id;
  writeUrl();
}

function cardClosed(id) {
  if (openCard !== id) return;
  openCard = null;
  writeUrl();
}

const focusCard = (popupEl) => popupEl?.querySelector('.card-box')?.focus({ preventScroll: true });

function openFeature(f, button) {
  returnFocus = { id: String(f.id), button };
  if (!mapView.openMarker(f.id, focusCard)) openDialog(cardFor(f, { onCatchmentShown: closeDialog }), button, String(f.id));
}

function openVacancyFeature(f, button) {
  returnFocus = { id: String(f.id), button };
  if (!openVacancy(f.id, focusCard)) openDialog(vacancyCard(f, { onServiceCard: showServiceCard }), button, String(f.id));
}

// The registry card of the service a vacancy belongs to.
function showServiceCard(vacancy) {
  const { serviceId, placeId } = vacancy.properties;
  const returnTo = document.activeElement;
  openDialog(cardFor({ id: vacancy.id, properties: { serviceId, placeId } }, { onCatchmentShown: closeDialog }), returnTo);
}

const closeDialog = () => $('card-dialog').close();

/** The card of a result without a place on the map (cardId), or the service card of a vacancy, in the dialog. */
function openDialog(content, button, cardId = null) {
  const dialog = $('card-dialog');
  if (dialog.open) dialog.close();
  dialog.querySelector('.dialog-body').replaceChildren(content);
  dialog.addEventListener('close', () => {
    if (cardId) cardClosed(cardId);
    if (button?.isConnected) button.focus();
  }, { once: true });
  dialog.showModal();
  if (cardId) cardOpened(cardId);
}

function onPopupClose(id) {
  cardClosed(id);
  setActive(null);
  vacancies.setActiveVacancy(null);
  if (returnFocus?.id !== id) return;
  const active = document.activeElement;
  if (!active || active === document.body || $('map').contains(active)) {
    returnFocus.button?.focus({ preventScroll: true });
  }
  returnFocus = null;
}

function render(services, stats) {
  const features = services.features || [];
  mapView.setMarkers(features, {
    popupContent: (f, onLoaded) => cardFor(f, { onLoaded }),
    onOpen: (id) => { setActive(id); cardOpened(id); },
    onClose: onPopupClose,
  });
  renderList(features, { onActivate: openFeature, hasLocation: (f) => mapView.hasMarker(f.id) });
  lastStats = stats;
  drawChoropleth();
}

let latestRefresh = null; // the refresh that will draw the page

/**
 * Loads and draws the page under the current filters. A newer refresh (a filter, a live catch-up) aborts an older
 * one, which then resolves when the newer one has drawn: who awaits a refresh (the boot, before it opens the card a
 * shared link names) awaits the page as it ends up, not a load that was thrown away.
 */
function refresh(options) {
  latestRefresh = draw(options);
  return latestRefresh;
}

async function draw({ fit = false } = {}) {
  // A live update may restart a refresh the user asked for; the fit it owed is kept.
  pendingFit ||= fit;
  controller?.abort();
  const mine = (controller = new AbortController());
  setReady('0');
  $('results').setAttribute('aria-busy', 'true');
  try {
    const f = getFilters();
    if (f.kraj !== krajDrawn) mapView.setKraje(kraje, (krajDrawn = f.kraj));
    mapView.setObceTiles(f.kraj ? null : obceTileUrl);
    const territory = Promise.all([loadOrpOptions(f.kraj, mine.signal), loadObecOptions(f.orp, mine.signal)]);
    if (layer === 'vacancies') {
      const [data] = await Promise.all([vacancies.load(f, mine.signal), territory]);
      if (mine.signal.aborted) return latestRefresh;
      hideError();
      mapView.setOrpOutlines(orpFeatures, f.orp);
      vacancies.render(data);
    } else if (layer === 'demand') {
      const [data] = await Promise.all([demand.load(f, mine.signal), territory]);
      if (mine.signal.aborted) return latestRefresh;
      hideError();
      demand.render(data);
    } else {
      const [services, stats] = await Promise.all([
        api.services(f, mine.signal),
        api.statsOrp({ kraj: f.kraj, druh: f.druh, forma: f.forma, cilova: f.cilova, q: f.q }, mine.signal),
        territory,
      ]);
      if (mine.signal.aborted) return latestRefresh;
      hideError();
      render(services, stats);
    }
    mapView.setObecOutline(layer === 'demand' ? null : obecFeature(f.obec));
    if (pendingFit) fitToSelection();
    pendingFit = false;
  } catch (err) {
    if (err.name === 'AbortError') return latestRefresh;
    showError(err);
  }
  if (controller === mine) {
    $('results').removeAttribute('aria-busy');
    writeUrl();
    setReady('1');
  }
}

function onFilterChange(name) {
  if (name === 'reset') {
    $('f-bezbar').checked = false;
    resetNear();
    demand.resetDemand();
  }
  writeUrl();
  refresh({ fit: ['kraj', 'orp', 'obec', 'reset', 'uroven'].includes(name) });
}

function showLayer(next) {
  if (layer === 'demand' && next !== 'demand') demand.deactivate();
  layer = next;
  const vac = next === 'vacancies';
  document.body.dataset.layer = next;
  for (const r of document.querySelectorAll('input[name="vrstva"]')) r.checked = (LAYERS[r.value] || 'services') === next;
  mapView.showServices(next === 'services');
  showVacancyLayer(vac);
  showNear(vac);
  restrictDruhy(next);
  vacancies.activate(vac);
  const [title, skip, docTitle, target] = TITLES[next];
  $('results-title').textContent = title;
  const skipLink = document.querySelector('.skip-link');
  skipLink.textContent = skip;
  skipLink.setAttribute('href', target);
  document.title = docTitle;
  if (!vac) restoreServiceEmptyText();
}

async function boot() {
  setReady('0');
  const state = readUrl();
  chosenUnit = state.unit;
  $('error').querySelector('.error-close').addEventListener('click', hideError);
  initAccountLink($('account-nav'));
  try {
    let config, taxonomy, obceTiles;
    [config, taxonomy, kraje, obceTiles] = await Promise.all([
      api.config().catch(() => ({})), api.taxonomy(), api.kraje(), api.tileJson('obce').catch(() => null)]);
    obceTileUrl = obceTiles?.tiles?.[0] ?? null;
    units = Object.fromEntries((taxonomy.capacityTypes || []).map((c) => [c.code, c]));
    const map = mapView.createMap(config, writeUrl);
    initVacancyLayer(map, {
      popupContent: (f) => vacancyCard(f, { onServiceCard: showServiceCard }),
      onOpen: (id) => { vacancies.setActiveVacancy(id); cardOpened(id); },
      onClose: onPopupClose,
    });
    initNear(map, () => { writeUrl(); refresh(); });
    initFilters({ taxonomy, kraje }, onFilterChange);
    demand.initDemand({ taxonomy, kraje }, onFilterChange);
    setFilters({ kraj: state.filters.kraj });
    await loadOrpOptions(getFilters().kraj);
    if (state.filters.orp && hasOption('orp', state.filters.orp)) await loadObecOptions(state.filters.orp);
  } catch (err) {
    showError(err);
    setReady('error');
    return;
  }
  const unknown = setFilters(state.filters);
  $('f-bezbar').checked = state.q.get('bezbarierove') === '1';
  readNear(state.q);
  demand.readDemand(state.q);
  vacancies.initVacancies({ requestRefresh: () => refresh(), onActivate: openVacancyFeature });
  showLayer(state.layer);
  if (state.view) mapView.setView(state.view);
  unitSelect().addEventListener('change', (e) => {
    chosenUnit = e.target.value;
    drawChoropleth();
    writeUrl();
  });
  $('f-bezbar').addEventListener('change', () => onFilterChange('bezbarierove'));
  for (const r of document.querySelectorAll('input[name="vrstva"]')) {
    r.addEventListener('change', () => {
      showLayer(LAYERS[r.value] || 'services');
      writeUrl();
      refresh();
    });
  }
  // Typing schedules a debounced refetch: the data on screen is already stale.
  $('f-q').addEventListener('input', () => setReady('0'));
  initListKeys();
  mapView.leafletMap().on('catchmentchange', writeUrl);
  booted = true;
  await refresh({ fit: !state.view });
  if (unknown.length) showError(`Adresa stránky obsahovala neznámé hodnoty filtru (${unknown.join(', ')}); byly vynechány.`);
  await reopenFromUrl(state);
}

/** Opens the card and the catchment area a shared link names; either may be gone since, which the page says. */
async function reopenFromUrl(state) {
  const gone = [];
  if (state.catchment) {
    await showServiceCatchment(state.catchment, { fit: !state.view })
      .catch(() => gone.push('Územní působnost služby z odkazu se nepodařilo zobrazit.'));
  }
  if (state.card && layer !== 'demand') {
    const button = document.querySelector(`#results-list > li[data-id="${CSS.escape(state.card)}"] button`);
    if (button) button.click();
    else gone.push(layer === 'vacancies' ? 'Nabídka z odkazu už mezi volnými místy není.' : 'Služba z odkazu už mezi výsledky není.');
  }
  if (gone.length) showError(gone.join(' '));
}

boot();
