// "Auditní záznam": every change, who made it and when, old → new values; filters kept in the address (#audit?…).
import { getJson } from '../api.js';
import { el, fill } from '../dom.js';
import { formatDate, formatDateTime, formatNumber, withUnit } from '../format.js';
import { authed } from './session.js';
import { field, select, showProblem } from './ui.js';

const ENTITIES = [
  ['Service', 'Služba'],
  ['ServicePlace', 'Služba v místě poskytování'],
  ['Place', 'Místo poskytování'],
  ['ServiceCapacity', 'Kapacita služby'],
  ['Vacancy', 'Volné místo'],
  ['Provider', 'Poskytovatel'],
  ['ReferenceData', 'Import referenčních dat'],
];
const ENTITY_NAMES = Object.fromEntries(ENTITIES);
const ACTIONS = { created: 'založení', updated: 'změna', deleted: 'smazání', imported: 'import' };

// Property names of the audited entities, as the log stores them.
const FIELDS = {
  id: 'Identifikátor', name: 'Název', description: 'Popis', webs: 'Weby', emails: 'E-maily', phones: 'Telefony',
  targetGroups: 'Cílové skupiny', ageCategories: 'Věkové kategorie', catchmentObce: 'Působnost – obce',
  catchmentOrp: 'Působnost – ORP', catchmentGeom: 'Působnost – hranice', updatedAt: 'Změněno', version: 'Verze',
  facilityName: 'Název zařízení', street: 'Ulice', houseNumber: 'Číslo popisné', orientationNumber: 'Číslo orientační',
  postCode: 'PSČ', obecCode: 'Obec (kód)', location: 'Poloha (S-JTSK)', serviceId: 'Služba', placeId: 'Místo',
  places: 'Počet míst', availableFrom: 'Volné od', validUntil: 'Platí do', targetGroup: 'Cílová skupina',
  barrierFree: 'Bezbariérové', floor: 'Podlaží', lift: 'Výtah', barrierNote: 'Bariéry', contactName: 'Kontaktní osoba',
  contactPhone: 'Telefon', contactEmail: 'E-mail', publishedAt: 'Zveřejněno', withdrawnAt: 'Staženo',
  form: 'Forma', capacityType: 'Typ kapacity', amount: 'Počet', providerIco: 'IČO', druhCode: 'Druh', forms: 'Formy',
};
const MAX_TEXT = 160;

const fieldName = (k) => FIELDS[k.charAt(0).toLowerCase() + k.slice(1)] || k;

function valueText(v) {
  if (v === null || v === undefined) return 'prázdné';
  if (typeof v === 'boolean') return v ? 'ano' : 'ne';
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ') : 'prázdný seznam';
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return formatDateTime(v, { seconds: true });
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  return String(v);
}

function shortValue(v, cls) {
  const text = valueText(v);
  const short = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}… (${withUnit(text.length, 'znak')})` : text;
  return el('span', { class: cls, title: short !== text ? text : null, text: short });
}

function changes(entry) {
  const old = entry.oldValues || {};
  const now = entry.newValues || {};
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])];
  if (!keys.length) return el('span', { class: 'missing', text: 'bez podrobností' });
  return el('dl', { class: 'changes' }, keys.flatMap((k) => [
    el('dt', { text: fieldName(k) }),
    el('dd', {},
      entry.action === 'updated'
        ? [shortValue(old[k], 'old-value'), el('span', { class: 'arrow', 'aria-label': 'změněno na', text: ' → ' }), shortValue(now[k], 'new-value')]
        : shortValue(k in now ? now[k] : old[k], entry.action === 'deleted' ? 'old-value' : 'new-value')),
  ]));
}

export async function render(main, ctx) {
  const q = ctx.query;
  const inputs = {
    entity: select([['', 'všechny záznamy'], ...ENTITIES], q.get('entity') || '', { name: 'entity' }),
    entityId: el('input', { type: 'text', name: 'entityId', value: q.get('entityId') || '', autocomplete: 'off', spellcheck: 'false' }),
    user: el('input', { type: 'text', name: 'user', value: q.get('user') || '', autocomplete: 'off', spellcheck: 'false', placeholder: 'e-mail' }),
    from: el('input', { type: 'date', name: 'from', value: q.get('from') || '' }),
    to: el('input', { type: 'date', name: 'to', value: q.get('to') || '' }),
    limit: select([['100', '100'], ['250', '250'], ['500', '500']], q.get('limit') || '100', { name: 'limit' }),
  };
  const form = el('form', { class: 'filter-form', role: 'search', 'aria-label': 'Filtr auditního záznamu', novalidate: true },
    field({ label: 'Typ záznamu', input: inputs.entity, errorFor: 'entity' }),
    field({ label: 'Identifikátor záznamu', input: inputs.entityId, errorFor: 'entityId' }),
    field({ label: 'Uživatel', input: inputs.user, errorFor: 'user' }),
    field({ label: 'Od', input: inputs.from, errorFor: 'from' }),
    field({ label: 'Do', input: inputs.to, errorFor: 'to' }),
    field({ label: 'Nejvýš', input: inputs.limit, errorFor: 'limit' }),
    el('div', { class: 'filter-actions' },
      el('button', { type: 'submit', class: 'button-primary', text: 'Filtrovat' }),
      el('a', { class: 'button-secondary', href: '#audit', text: 'Zrušit filtr' })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, input] of Object.entries(inputs)) if (input.value.trim() && !(k === 'limit' && input.value === '100')) next.set(k, input.value.trim());
    const hash = `#audit${next.toString() ? `?${next}` : ''}`;
    if (location.hash === hash) render(main, ctx); else location.hash = hash;
  });

  const result = el('div', { class: 'audit-result' }, el('p', { class: 'loading', text: 'Načítám záznamy…' }));
  fill(main, 
    el('h1', { text: 'Auditní záznam' }),
    el('p', { class: 'lead', text: 'Každá změna údajů: kdo, kdy a co změnil, s původní a novou hodnotou. Nejnovější nahoře.' }),
    form,
    result);

  const query = new URLSearchParams();
  for (const k of ['entity', 'entityId', 'user', 'from', 'to', 'limit']) if (q.get(k)) query.set(k, q.get(k));
  let entries;
  try {
    entries = await authed(() => getJson(`/api/audit?${query}`));
  } catch (err) {
    result.replaceChildren();
    showProblem(form, err, { title: 'Záznamy nelze načíst' });
    return;
  }
  const limit = Number(q.get('limit') || 100);
  result.replaceChildren(
    el('p', { class: 'result-count', text: entries.length >= limit
      ? `Zobrazeno posledních záznamů: ${formatNumber(entries.length)}; zužte filtr, chcete-li starší.`
      : withUnit(entries.length, 'záznam') }),
    entries.length
      ? el('table', { class: 'data-table audit-table' },
        el('thead', {}, el('tr', {}, ['Čas', 'Uživatel', 'Záznam', 'Akce', 'Změny'].map((t) => el('th', { scope: 'col', text: t })))),
        el('tbody', {}, entries.map((a) => {
          const byRecord = new URLSearchParams({ entity: a.entity, entityId: a.entityId });
          return el('tr', { 'data-entity': a.entity },
            el('td', { class: 'nowrap', text: formatDateTime(a.at, { seconds: true }) }),
            el('td', {}, el('a', { href: `#audit?${new URLSearchParams({ user: a.userName })}`, title: 'Jen změny tohoto uživatele', text: a.userName })),
            el('td', {},
              el('div', { text: ENTITY_NAMES[a.entity] || a.entity }),
              el('a', { class: 'mono small', href: `#audit?${byRecord}`, title: 'Historie tohoto záznamu', text: a.entityId })),
            el('td', { text: ACTIONS[a.action] || a.action }),
            el('td', {}, changes(a)));
        })))
      : el('p', { class: 'missing', text: 'Filtru neodpovídá žádný záznam.' }));
}
