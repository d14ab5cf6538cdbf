// The vacancy view of the map page: public vacancies under the active filters, kept live over SignalR.
import { api } from './api.js';
import { isoDate } from './format.js';
import { connectLive } from './live.js';
import { distanceKm, nearParams } from './near.js';
import { renderVacancyList } from './vacancy-list.js';
import { hasVacancyMarker, removeVacancy, setVacancies, upsertVacancy } from './vacancy-layer.js';

const FRESH_MS = 8000;
const FIRST_CONNECT_WAIT_MS = 1500;

const shown = new Map(); // id → feature, what the list and the layer show
const fresh = new Set(); // ids that arrived live a moment ago, highlighted in the list
let shownParams = {}; // the query the shown vacancies answer
let active = false;
let inFlight = 0;
let missed = false; // a change arrived while a load was under way
let lastLoadStart = 0;
let live = null;
let liveReady = null;
let activeId = null;
let opts;

const $ = (id) => document.getElementById(id);

/** requestRefresh() reloads the view with the current filters; onActivate(feature, button) opens a card. */
export function initVacancies(options) {
  opts = options;
}

const STATUS = {
  connecting: ['připojuji…', 'Připojuji se k živým změnám nabídek.'],
  live: ['živě', 'Nově zveřejněné, změněné a stažené nabídky se zde objeví samy, bez obnovení stránky.'],
  reconnecting: ['obnovuji spojení…', 'Spojení se serverem se přerušilo; po jeho obnovení se seznam sám doplní.'],
};

function onStatus(state) {
  const box = $('live-status');
  box.dataset.state = state;
  box.querySelector('.live-text').textContent = STATUS[state][0];
  box.title = STATUS[state][1];
}

/** The view is shown or hidden; the live connection starts with its first showing and then stays. */
export function activate(on) {
  active = on;
  if (!on || live) return;
  liveReady = new Promise((resolve) => {
    live = connectLive({
      onChange,
      onStatus,
      onConnected: () => {
        resolve();
        // Whatever changed between the last load and this moment was not pushed to us: load again.
        if (active && lastLoadStart) opts.requestRefresh();
      },
    });
    setTimeout(resolve, FIRST_CONNECT_WAIT_MS);
  });
}

export function params(f) {
  return {
    druh: f.druh, kraj: f.kraj, orp: f.orp, obec: f.obec, cilova: f.cilova,
    bezbarierove: $('f-bezbar').checked ? 'true' : '',
    ...nearParams(),
  };
}

export async function load(f, signal) {
  inFlight++;
  try {
    // The first load waits (briefly) for the connection, so no change can fall between the two.
    if (!lastLoadStart) await liveReady;
    lastLoadStart = Date.now();
    const query = params(f);
    const fc = await api.vacancies(query, signal);
    return { fc, query };
  } finally {
    inFlight--;
  }
}

function redrawList() {
  renderVacancyList([...shown.values()], {
    onActivate: opts.onActivate,
    hasLocation: (f) => hasVacancyMarker(f.id),
    activeId,
    fresh,
  });
}

export function render({ fc, query }) {
  shownParams = query;
  shown.clear();
  for (const f of fc.features || []) shown.set(String(f.id), f);
  setVacancies([...shown.values()]);
  redrawList();
  if (missed) {
    missed = false;
    opts.requestRefresh();
  }
}

// True only when the pushed vacancy surely belongs to the shown query; anything uncertain goes to the server.
function matches(f) {
  const p = f.properties;
  const q = shownParams;
  if (!p || p.validUntil < isoDate()) return false;
  if (q.druh && p.druh !== q.druh) return false;
  if (q.kraj && p.kraj !== q.kraj) return false;
  if (q.orp && p.orpCsuCode !== q.orp) return false;
  if (q.obec && p.obecCode !== q.obec) return false;
  // A vacancy without a target group is for any of its service's groups, which only the server knows.
  if (q.cilova && p.targetGroup !== q.cilova) return false;
  if (q.bezbarierove && !p.barrierFree) return false;
  if (q.near) {
    if (!f.geometry) return false;
    const centre = q.near.split(',').map(Number);
    // Well inside only: the server measures in S-JTSK, the browser on the sphere.
    if (distanceKm(centre, f.geometry.coordinates) > Number(q.radiusKm) * 0.99) return false;
  }
  return true;
}

function markFresh(id) {
  fresh.add(id);
  setTimeout(() => {
    fresh.delete(id);
    document.querySelector(`#results-list > li[data-id="${CSS.escape(id)}"]`)?.classList.remove('is-fresh');
  }, FRESH_MS);
}

function onChange(change) {
  if (!active) return;
  if (inFlight > 0) {
    missed = true;
    return;
  }
  const id = String(change.id);
  if (change.action === 'withdrawn' || !change.feature) {
    if (!shown.delete(id)) return;
    removeVacancy(id);
    redrawList();
    return;
  }
  if (!matches(change.feature)) {
    opts.requestRefresh();
    return;
  }
  shown.set(id, change.feature);
  upsertVacancy(change.feature);
  markFresh(id);
  redrawList();
}

export function setActiveVacancy(id) {
  activeId = id == null ? null : String(id);
  for (const li of $('results-list').children) {
    const b = li.querySelector('button');
    const on = li.dataset.id === activeId;
    if (on) b.setAttribute('aria-current', 'true'); else b.removeAttribute('aria-current');
    if (on) li.scrollIntoView({ block: 'nearest' });
  }
}
