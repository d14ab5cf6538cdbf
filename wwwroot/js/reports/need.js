// Objective need: unique people waiting on a day, per druh × ORP of residence in a kraj. Staff read the exact counts
// of the services in their scope (GET /api/registers/demand); only the public demand map rounds them.
import { hasRole } from '../account.js';
import { api, getJson } from '../api.js';
import { el, fill } from '../dom.js';
import { formatDate, formatNumber, isoDate } from '../format.js';
import { session, authed } from '../sprava/session.js';
import { kraje, taxonomy } from '../sprava/territory.js';
import { select, showProblem } from '../sprava/ui.js';
import { dayParam, filterForm } from './filter.js';
import { reportTable } from './report-table.js';

const DEFAULT_KRAJ = 'CZ071'; // as on the map page
const MEASURES = [['osob', 'čekajících osob'], ['na1000', 'na 1 000 obyvatel']];
// Two decimals: one person among 30 000 inhabitants is 0,03, not 0.
const rateFmt = new Intl.NumberFormat('cs-CZ', { maximumFractionDigits: 2 });
const formatRate = (n) => (n == null ? '–' : rateFmt.format(n));

export async function render(body, ctx) {
  const [tax, krajList, services] = await Promise.all([taxonomy(), kraje(), authed(() => getJson('/api/my/services'))]);
  const on = dayParam(ctx.query, 'den', isoDate());
  const kraj = krajList.some((k) => k.properties.nuts3 === ctx.query.get('kraj'))
    ? ctx.query.get('kraj') : session.account?.kraj || DEFAULT_KRAJ;
  const measure = ctx.query.get('ukazatel') === 'na1000' ? 'na1000' : 'osob';
  const inputs = {
    den: el('input', { type: 'date', value: on }),
    kraj: select(krajList.map((k) => [k.properties.nuts3, k.properties.name]), kraj),
    ukazatel: select(MEASURES, measure),
  };
  const form = filterForm({
    inputs, labels: { den: 'Stav ke dni', kraj: 'Kraj', ukazatel: 'Ukazatel' }, hashBase: ctx.hashBase,
    onSame: () => render(body, ctx),
  });
  const result = el('div', { class: 'report-result', 'aria-live': 'polite' }, el('p', { class: 'loading', text: 'Načítám…' }));
  fill(body,
    el('p', { class: 'lead', text: `Kolik lidí ke dni čeká na ${hasRole(session.account, 'admin') ? 'sociální služby' : 'služby vašeho kraje'}, podle druhu služby a ORP bydliště; kdo čeká u více služeb téhož druhu, je započten jednou.` }),
    el('p', { class: 'notice notice-info', text: 'Počty jsou přesné a jen pro pracovníky kraje; veřejná mapa poptávky je zaokrouhluje na násobky 5.' }),
    form, result);

  let counts, orpList;
  try {
    [counts, orpList] = await Promise.all([
      authed(() => getJson(`/api/registers/demand?on=${on}&level=orp`)), api.orp(kraj)]);
  } catch (err) {
    result.replaceChildren();
    showProblem(form, err, { title: 'Report nelze načíst' });
    return;
  }
  // Columns: the druhy of the services the account oversees and any other druh someone waits for, by name.
  const codes = new Set([...services.map((s) => s.druhCode), ...counts.map((c) => c.druh)]);
  const druhy = tax.druhy.filter((d) => codes.has(d.code)).sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  const orps = new Map(orpList.features.map((f) => [f.properties.csuCode, { ...f.properties, byDruh: {} }]));
  for (const c of counts) {
    const orp = orps.get(c.unit);
    if (orp) orp.byDruh[c.druh] = c.persons;
  }
  const rows = [...orps.values()].sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  const krajName = krajList.find((k) => k.properties.nuts3 === kraj)?.properties.name || kraj;
  const perThousand = (r, druh) => (r.population > 0 ? Math.round(((r.byDruh[druh] ?? 0) * 100000) / r.population) / 100 : null);
  const value = (r, druh) => (measure === 'osob' ? r.byDruh[druh] ?? 0 : perThousand(r, druh));
  const text = (r, druh) => (measure === 'osob' ? formatNumber(value(r, druh)) : formatRate(perThousand(r, druh)));
  fill(result, reportTable({
    caption: `Čekající ${measure === 'osob' ? 'osoby' : 'na 1 000 obyvatel'} podle druhu služby a ORP bydliště – ${krajName}, stav k ${formatDate(on)}`,
    filename: `potrebnost-${kraj}-${on}.csv`,
    rows,
    className: 'need-table',
    empty: 'Pro kraj nejsou žádné ORP.',
    columns: [
      { label: 'ORP', value: (r) => r.name },
      { label: 'Obyvatel', value: (r) => r.population, num: true },
      ...druhy.map((d) => ({ label: d.name, value: (r) => value(r, d.code), text: (r) => text(r, d.code), num: true })),
    ],
    // One line per ORP and druh, with both measures: easier to pivot than the matrix.
    csv: {
      headers: ['ORP', 'Kód ORP (ČSÚ)', 'Obyvatel', 'Druh služby', 'Čekajících osob', 'Na 1 000 obyvatel'],
      rows: rows.flatMap((r) => druhy.map((d) => [r.name, r.csuCode, r.population, d.name, r.byDruh[d.code] ?? 0, perThousand(r, d.code) ?? ''])),
    },
  }));
}
