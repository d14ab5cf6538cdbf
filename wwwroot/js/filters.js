// The filter panel: selects filled from the taxonomy and territory, free text debounced.
import { el } from './dom.js';

export const FILTER_KEYS = ['druh', 'forma', 'cilova', 'kraj', 'orp', 'obec', 'q'];

const form = () => document.getElementById('filters');
const field = (name) => form().elements.namedItem(name);

let druhy = [];

const druhLabel = (d) => (d.paragraph ? `${d.name} (${d.paragraph})` : d.name);

// Groups in the order of the law (§ 37 poradenství, péče, prevence); registry-only kinds last.
const GROUP_ORDER = ['socialni_poradenstvi', 'socialni_pece', 'socialni_prevence'];
const groupRank = (g) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length + (g === 'registr_only'));

function fillDruhy(select, list) {
  const sorted = [...list].sort((a, b) => groupRank(a.group) - groupRank(b.group) || a.name.localeCompare(b.name, 'cs'));
  const groups = new Map();
  for (const d of sorted) {
    const key = d.groupName || d.group || 'ostatní';
    if (!groups.has(key)) groups.set(key, el('optgroup', { label: key }));
    groups.get(key).append(el('option', { value: d.code, text: druhLabel(d) }));
  }
  select.append(...groups.values());
}

const fill = (select, items) => select.append(...items.map(([value, text]) => el('option', { value, text })));

// A druh is registered only in some forms (e.g. domovy pro seniory: pobytová).
function restrictForms() {
  const d = druhy.find((x) => x.code === field('druh').value);
  const allowed = d?.allowedForms?.length ? d.allowedForms : null;
  for (const opt of field('forma').options) {
    opt.disabled = Boolean(opt.value && allowed && !allowed.includes(opt.value));
  }
  if (field('forma').selectedOptions[0]?.disabled) field('forma').value = '';
}

export function initFilters({ taxonomy, kraje }, onChange) {
  druhy = taxonomy.druhy || [];
  fillDruhy(field('druh'), druhy);
  fill(field('forma'), (taxonomy.formy || []).map((f) => [f.code, f.name]));
  const groups = [...(taxonomy.targetGroups || [])].sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  fill(field('cilova'), groups.map((g) => [g.code, g.name]));
  const krajList = kraje.features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  fill(field('kraj'), krajList.map((k) => [k.nuts3, k.name]));

  form().addEventListener('change', (e) => {
    const name = e.target.name;
    if (!FILTER_KEYS.includes(name) || name === 'q') return;
    if (name === 'druh') restrictForms();
    if (name === 'kraj') field('orp').value = '';
    if (name === 'kraj' || name === 'orp') field('obec').value = '';
    onChange(name);
  });
  let timer;
  field('q').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => onChange('q'), 400);
  });
  // Enter searches at once instead of waiting for the debounce.
  form().addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    onChange('q');
  });
  form().addEventListener('reset', (e) => {
    e.preventDefault();
    for (const k of ['druh', 'forma', 'cilova', 'orp', 'obec', 'q']) field(k).value = '';
    restrictForms();
    onChange('reset');
  });
}

export function getFilters() {
  const f = {};
  for (const k of FILTER_KEYS) f[k] = field(k).value.trim();
  return f;
}

/** Sets the values that exist among the options; returns the keys that did not. */
export function setFilters(values) {
  const unknown = [];
  for (const k of FILTER_KEYS) {
    const v = values[k] || '';
    const input = field(k);
    input.value = v;
    if (input.value !== v) { unknown.push(k); input.value = ''; }
  }
  restrictForms();
  return unknown;
}

export function setOrpOptions(features) {
  const select = field('orp');
  const keep = select.value;
  select.replaceChildren(el('option', { value: '', text: features ? 'Všechny ORP v kraji' : 'Nejprve zvolte kraj' }));
  select.disabled = !features;
  if (!features) return;
  const orps = features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  fill(select, orps.map((o) => [o.csuCode, o.name]));
  select.value = keep;
  if (select.value !== keep) select.value = '';
}

export function setObecOptions(features) {
  const select = field('obec');
  const keep = select.value;
  select.replaceChildren(el('option', { value: '', text: features ? 'Všechny obce v ORP' : 'Nejprve zvolte ORP' }));
  select.disabled = !features;
  if (!features) return;
  const obce = features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  fill(select, obce.map((o) => [o.code, o.name]));
  select.value = keep;
  if (select.value !== keep) select.value = '';
}

export const hasOption = (name, value) => [...field(name).options].some((o) => o.value === value);

/** Vacancies are kept only for residential (pobytová) services, so other druhy cannot be chosen there. */
export function restrictDruhy(view) {
  for (const opt of field('druh').options) {
    const d = druhy.find((x) => x.code === opt.value);
    opt.disabled = Boolean(view === 'vacancies' && d?.allowedForms?.length && !d.allowedForms.includes('pob'));
  }
  if (field('druh').selectedOptions[0]?.disabled) field('druh').value = '';
}
