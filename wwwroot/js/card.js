// The service card: registry detail of one service, shown in a map popup or the dialog.
import { api, ApiError, problemText } from './api.js';
import { el } from './dom.js';
import { formatDate, formatNumber, withUnit } from './format.js';
import { showCatchment } from './map.js';

const cache = new Map();
const loadService = (id) => {
  if (!cache.has(id)) cache.set(id, api.service(id).catch((e) => { cache.delete(id); throw e; }));
  return cache.get(id);
};

const missing = (text = 'neuvedeno') => el('span', { class: 'missing', text });
const orMissing = (v) => (v == null || v === '' ? missing() : String(v));
const lower = (s) => (s ? s.charAt(0).toLowerCase() + s.slice(1) : s);
const uniq = (xs) => [...new Set(xs.filter(Boolean).map((x) => String(x).trim()))];

function list(items, render = (x) => x) {
  if (!items?.length) return missing();
  return el('ul', { class: 'plain' }, items.map((x) => el('li', {}, render(x))));
}

const webHref = (w) => (/^https?:\/\//i.test(w) ? w : `https://${w}`);

function contacts(d) {
  const p = d.provider || {};
  const webs = uniq([...(d.webs || []), p.web]);
  const emails = uniq([...(d.emails || []), p.email]);
  const phones = uniq([...(d.phones || []), p.phone]);
  const links = [
    ...webs.map((w) => el('a', { href: webHref(w), target: '_blank', rel: 'noopener', text: w.replace(/^https?:\/\//i, '') })),
    ...emails.map((m) => el('a', { href: `mailto:${m}`, text: m })),
    ...phones.map((t) => el('a', { href: `tel:${t.replace(/[^\d+]/g, '')}`, text: t })),
  ];
  return list(links);
}

// "40 lůžek (pobytová)"; a unit with its own note becomes "12 intervencí (30 min. jednání; terénní)".
function capacity(c) {
  const form = c.formName ? lower(c.formName) : '';
  const text = c.amount == null ? `${c.typeName || 'kapacita'} neuvedena` : withUnit(c.amount, c.unit || c.type);
  if (!form) return text;
  return text.endsWith(')') ? `${text.slice(0, -1)}; ${form})` : `${text} (${form})`;
}

function validity(from, to) {
  if (!from && !to) return missing();
  if (!to) return `od ${formatDate(from)}, konec neuveden`;
  return `${from ? `od ${formatDate(from)} ` : ''}do ${formatDate(to)}`;
}

const yesNo = (v) => (v === true ? 'ano' : v === false ? 'ne' : missing());

// The registry gives codes, so the card counts them; the map shows the area itself.
function catchmentSummary(c) {
  const parts = [];
  if (c.orp?.length) parts.push(`${formatNumber(c.orp.length)} ORP`);
  if (c.obce?.length) parts.push(withUnit(c.obce.length, 'obec'));
  return parts.length ? `vymezena: ${parts.join(', ')}` : '';
}

function catchmentBlock(d, onShown) {
  const c = d.catchment || {};
  const note = el('p', { class: 'card-note', role: 'status' });
  const summary = catchmentSummary(c);
  const button = el('button', {
    type: 'button',
    class: 'button-secondary catchment-button',
    text: 'Zobrazit územní působnost',
    onclick: async () => {
      button.disabled = true;
      note.textContent = 'Načítám územní působnost…';
      try {
        await showServiceCatchment(d.id, { name: d.name });
        note.textContent = '';
        onShown?.();
      } catch (err) {
        note.textContent = err instanceof ApiError && err.status === 404
          ? (err.problem?.detail || err.problem?.title || 'Služba nemá vymezenou územní působnost.')
          : problemText(err);
        note.classList.add('card-note-warn');
      } finally {
        button.disabled = false;
      }
    },
  });
  return [summary ? el('div', { text: summary }) : missing(), button, note];
}

/**
 * Draws a service's catchment area on the map (the card's button, or a shared link with fit false, as it brings
 * its own view); the API's errors are thrown (404 when the service has none).
 */
export async function showServiceCatchment(serviceId, { name, fit = true } = {}) {
  const [feature, label] = await Promise.all([
    api.catchment(serviceId), name ?? loadService(serviceId).then((d) => d.name || 'služba bez názvu')]);
  showCatchment(feature, { serviceId, label, fit });
}

function row(label, value) {
  return [el('dt', { text: label }), el('dd', {}, value)];
}

/** The card of a service; contactObec names the obec of its contact address when it has no place of provision. */
export function renderCard(d, { placeId, contactObec, onCatchmentShown } = {}) {
  const p = d.provider || {};
  const place = d.places?.find((x) => x.id === placeId);
  const druh = d.druh ? `${d.druh.name}${d.druh.paragraph ? ` (${d.druh.paragraph})` : ''}` : 'druh neuveden';
  return el('article', { class: 'card', 'data-service-id': d.id },
    el('p', { class: 'card-druh', text: druh }),
    el('h3', { class: 'card-title', text: d.name || 'Služba bez názvu' }),
    place?.facilityName && place.facilityName !== d.name ? el('p', { class: 'card-facility', text: place.facilityName }) : null,
    el('dl', { class: 'card-fields' },
      row('Poskytovatel', el('span', {},
        el('span', { class: 'card-provider', text: p.name || 'neuvedeno' }),
        el('br'),
        `IČO: `, orMissing(p.ico),
        p.legalForm ? ` · ${p.legalForm}` : '')),
      row('Formy poskytování', list(d.forms, (f) => lower(f.name))),
      row('Kapacita', list(d.capacities, capacity)),
      row('Cílové skupiny', list(d.targetGroups, (g) => g.name)),
      row('Věkové kategorie', list(d.ageCategories, (a) => a.name)),
      row('Místa poskytování', !d.places?.length && contactObec
        ? el('span', { text: `bez místa poskytování (kontaktní adresa v obci ${contactObec})` })
        : list(d.places, (x) => {
          const text = [x.facilityName, x.address || x.obec].filter(Boolean).join(' – ') || 'adresa neuvedena';
          const here = x.id === placeId;
          return el('span', { class: here ? 'here' : null }, text, x.lat == null ? ' (bez polohy)' : '');
        })),
      row('Kontakty', contacts(d)),
      row('Platnost registrace', validity(d.validFrom, d.validTo)),
      row('V krajské síti', yesNo(d.inRegionalNetwork)),
      row('Územní působnost', catchmentBlock(d, onCatchmentShown))),
    d.description ? el('p', { class: 'card-desc', text: d.description }) : null,
    el('p', { class: 'card-id', text: `Identifikátor v registru: ${d.identifier || d.id}` }));
}

/** A container filled with the card once the detail arrives; onLoaded lets a popup re-measure. */
export function cardFor(feature, { onLoaded, onCatchmentShown } = {}) {
  const { serviceId, placeId, placeless, obec } = feature.properties;
  const box = el('div', { class: 'card-box', tabindex: '-1', 'aria-busy': 'true' }, el('p', { class: 'loading', text: 'Načítám kartu služby…' }));
  loadService(serviceId)
    .then((d) => box.replaceChildren(renderCard(d, { placeId, contactObec: placeless ? obec : null, onCatchmentShown })))
    .catch((err) => box.replaceChildren(el('p', { class: 'card-note card-note-warn', role: 'alert', text: `Kartu služby se nepodařilo načíst. ${problemText(err)}` })))
    .finally(() => { box.removeAttribute('aria-busy'); onLoaded?.(); });
  return box;
}
