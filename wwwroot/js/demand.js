// The demand view of the map page ("Poptávka"): its controls and URL state, loading, and the table beside the map.
import { api } from './api.js';
import { el, fill } from './dom.js';
import { formatDate, formatNumber, isoDate, withUnit } from './format.js';
import * as mapView from './map.js';
import {
  areaBounds, clearDemand, drawDemand, drawFlows, renderDemandLegend, ROUNDING_NOTE, showArea, unmetText,
} from './demand-layer.js';

const $ = (id) => document.getElementById(id);
const control = (name) => document.getElementById('filters').elements.namedItem(name);

let units = {}; // capacity type code → {code, name, unit}
let druhNames = {};
let krajNames = {};

/** onChange(name) is called when a control of the view changes. */
export function initDemand({ taxonomy, kraje }, onChange) {
  units = Object.fromEntries((taxonomy.capacityTypes || []).map((c) => [c.code, c]));
  druhNames = Object.fromEntries((taxonomy.druhy || []).map((d) => [d.code, d.name]));
  krajNames = Object.fromEntries(kraje.features.map((k) => [k.properties.nuts3, k.properties.name]));
  for (const name of ['den', 'uroven', 'nabidka', 'toky']) {
    control(name).addEventListener('change', () => onChange(name));
  }
}

const day = () => control('den').value || isoDate();

/** Obce are drawn for a kraj or an ORP only; for the whole of Czechia the choice falls back to ORP. */
export function levelFor(f) {
  const can = Boolean(f.kraj || f.orp);
  const option = control('uroven').querySelector('option[value="obce"]');
  option.disabled = !can;
  $('uroven-hint').hidden = can;
  if (!can) control('uroven').value = 'orp';
  return control('uroven').value === 'obce' ? 'obce' : 'orp';
}

export function readDemand(q) {
  control('den').value = /^\d{4}-\d{2}-\d{2}$/.test(q.get('den') || '') ? q.get('den') : isoDate();
  control('uroven').value = q.get('uroven') === 'obce' ? 'obce' : 'orp';
  control('nabidka').checked = q.get('nabidka') === '1';
  control('toky').checked = q.get('toky') === '1';
}

export function writeDemand(q, f) {
  // A link without a day always shows today; a chosen day is kept.
  if (day() !== isoDate()) q.set('den', day());
  if (levelFor(f) === 'obce') q.set('uroven', 'obce');
  if (control('nabidka').checked) q.set('nabidka', '1');
  if (control('toky').checked) q.set('toky', '1');
}

export function resetDemand() {
  control('den').value = isoDate();
  control('uroven').value = 'orp';
  control('nabidka').checked = false;
  control('toky').checked = false;
}

export async function load(f, signal) {
  const level = levelFor(f);
  // The ORP level shows every ORP of the kraj (the chosen one outlined); obce those of the ORP, else of the kraj.
  const where = level === 'obce' ? (f.orp ? { orp: f.orp } : { kraj: f.kraj }) : { kraj: f.kraj };
  const on = day();
  const supplyOn = control('nabidka').checked;
  const [demand, supply, flows] = await Promise.all([
    api.demand(level, { on, druh: f.druh, ...where }, signal),
    supplyOn ? (level === 'obce' ? api.statsObce : api.statsOrp)({ druh: f.druh, ...where }, signal) : null,
    control('toky').checked ? api.flows({ on, druh: f.druh }, signal) : null,
  ]);
  return { level, on, druh: f.druh, kraj: f.kraj, orp: f.orp, demand, supply, flows };
}

// The supply unit: of the capacity types present, the one with the largest total (beds for homes, clients for care at home).
function mainUnit(supply) {
  const totals = new Map();
  for (const s of supply.features) {
    for (const [u, n] of Object.entries(s.properties.capacity || {})) totals.set(u, (totals.get(u) || 0) + (n || 0));
  }
  const [best] = [...totals].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return best ? units[best[0]] || { code: best[0], name: best[0], unit: best[0] } : null;
}

// Highest demand first, then the units where nobody waits (or fewer than 3 per obec and druh), then those without data.
function rank(p) {
  if (p.perThousand == null) return 3;
  return p.perThousand > 0 ? 0 : 2;
}
const byDemand = (a, b) => rank(a) - rank(b) || (b.perThousand ?? 0) - (a.perThousand ?? 0) || a.name.localeCompare(b.name, 'cs');

function areaName(level, f) {
  if (level === 'obce') return f.orp ? 'obce ORP' : `obce – ${krajNames[f.kraj] || f.kraj}`;
  return f.kraj ? `ORP – ${krajNames[f.kraj] || f.kraj}` : 'ORP celé ČR';
}

// Flows start in the shown territory: the shown obce, or the kraj's extent; for the whole of Czechia all of them.
function flowsFrom(flows, { level, kraj, demand }) {
  if (level === 'obce') {
    const shown = new Set(demand.features.map((f) => f.properties.code));
    return { ...flows, features: flows.features.filter((f) => shown.has(f.properties.fromObec)) };
  }
  const bounds = kraj ? mapView.orpLayerBounds() : null;
  if (!bounds?.isValid()) return flows;
  return { ...flows, features: flows.features.filter((f) => bounds.contains([...f.geometry.coordinates[0]].reverse())) };
}

export function render(data) {
  const { level, demand, supply, flows } = data;
  const key = (p) => p.csuCode ?? p.code;
  const supplyByKey = new Map((supply?.features || []).map((s) => [key(s.properties), s.properties]));
  const unit = supply ? mainUnit(supply) : null;
  const drawn = drawDemand(demand, {
    level, selectedOrp: data.orp, unit, supplyOf: supply ? (k) => supplyByKey.get(k) || { services: 0, capacity: {} } : undefined,
  });
  const flowInfo = drawFlows(flows && flowsFrom(flows, data));
  renderDemandLegend(drawn, { flows: flowInfo, perWhat: level === 'obce' ? 'obce' : 'ORP' });
  renderTable(data, { supplyByKey, unit, flowInfo });
}

function renderTable({ level, on, druh, kraj, orp, demand, supply }, { supplyByKey, unit, flowInfo }) {
  const rows = demand.features.map((f) => f.properties).sort(byDemand);
  const unitLabel = level === 'obce' ? 'Obec' : 'ORP';
  const capacityOf = (p) => supplyByKey.get(p.csuCode ?? p.code)?.capacity?.[unit?.code] ?? 0;
  const table = el('table', { class: 'demand-table' },
    el('caption', {},
      `Čekající žadatelé – ${druh ? druhNames[druh] || druh : 'všechny druhy služeb'}, ${areaName(level, { kraj, orp })}, stav k ${formatDate(on)}`,
      supply ? el('span', { class: 'caption-note', text: unit ? `Nabídka: ${unit.name.toLowerCase()} podle míst poskytování.` : 'Nabídka: žádná registrovaná kapacita.' }) : null),
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col', text: unitLabel }),
      el('th', { scope: 'col', class: 'num', text: 'Čekající' }),
      el('th', { scope: 'col', class: 'num', text: 'Na 1 000 obyv.' }),
      supply ? el('th', { scope: 'col', class: 'num', text: unit ? `Kapacita (${unit.name.replace(/^Počet /, '').split(' ')[0]})` : 'Kapacita' }) : null)),
    el('tbody', {}, rows.map((p) => el('tr', { 'data-key': p.csuCode ?? p.code },
      el('th', { scope: 'row' }, el('button', {
        type: 'button', class: 'link-button', text: p.name, title: `Ukázat v mapě: ${p.name}`,
        onclick: () => focusArea(p.csuCode ?? p.code),
      })),
      el('td', { class: 'num', text: unmetText(p) }),
      el('td', { class: 'num', text: formatNumber(p.perThousand) }),
      supply ? el('td', { class: 'num', text: unit ? formatNumber(capacityOf(p)) : '–' }) : null))));
  const withDemand = rows.filter((p) => p.unmet > 0).length;
  $('result-count').textContent = `${unitLabel === 'ORP' ? `Zobrazeno ${formatNumber(rows.length)} ORP` : `Zobrazeno ${withUnit(rows.length, 'obec')}`}`
    + `, z toho s čekajícími žadateli ${formatNumber(withDemand)}.`;
  fill($('demand-results'),
    el('p', { class: 'hint demand-note' },
      'Lidé čekající na pořadnících poskytovatelů, každý započten jednou za druh služby, podle obce bydliště. ',
      druh ? null : 'Bez zvoleného druhu se kdo čeká na služby dvou druhů počítá dvakrát. ',
      ROUNDING_NOTE),
    flowInfo ? el('p', { class: 'hint demand-note' }, flowInfo.count
      ? `Toky: ${withUnit(flowInfo.count, 'čára')} z obce bydliště do místa poskytování, každá za nejméně 5 uživatelů (zaokrouhleno na násobky 5).`
      : 'Toky: pro zvolený den a druh není žádná dvojice obce a místa poskytování s alespoň 5 uživateli.') : null,
    table);
}

function focusArea(key) {
  const b = areaBounds(key);
  if (b) mapView.fitTo(b);
  showArea(key);
}

/** The view is left: its flow lines go; the areas are replaced by the next view's own. */
export function deactivate() {
  clearDemand();
}
