// Objective need: unique people waiting on a day, per druh × ORP of residence, in a kraj.
// Read from the public demand map (one request per druh), so counts from 1 to 4 are hidden here too.
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
    el('p', { class: 'lead', text: 'Kolik lidí ke dni čeká na službu, podle druhu služby a ORP bydliště; kdo čeká u více služeb téhož druhu, je započten jednou.' }),
    el('p', { class: 'notice notice-warn', text: 'Počty od 1 do 4 jsou skryty („< 5“), protože přehled zatím vychází z veřejné mapy poptávky. Přesné počty pro pracovníky kraje vyžadují rozšíření rozhraní serveru.' }),
    form, result);

  // The druhy of the services the account oversees, in the order of the law's groups and by name.
  const codes = new Set(services.map((s) => s.druhCode));
  const druhy = tax.druhy.filter((d) => codes.has(d.code)).sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  let layers;
  try {
    layers = await Promise.all(druhy.map((d) => api.demand('orp', { on, druh: d.code, kraj })));
  } catch (err) {
    result.replaceChildren();
    showProblem(form, err, { title: 'Report nelze načíst' });
    return;
  }
  const orps = new Map();
  layers.forEach((fc, i) => {
    for (const f of fc.features) {
      const p = f.properties;
      if (!orps.has(p.csuCode)) orps.set(p.csuCode, { csuCode: p.csuCode, name: p.name, population: p.population, byDruh: {} });
      orps.get(p.csuCode).byDruh[druhy[i].code] = p;
    }
  });
  const rows = [...orps.values()].sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  const krajName = krajList.find((k) => k.properties.nuts3 === kraj)?.properties.name || kraj;
  const cellText = (p) => {
    if (!p) return '–';
    return measure === 'osob' ? formatNumber(p.unmet) : formatNumber(p.perThousand);
  };
  fill(result, reportTable({
    caption: `Čekající ${measure === 'osob' ? 'osoby' : 'na 1 000 obyvatel'} podle druhu služby a ORP bydliště – ${krajName}, stav k ${formatDate(on)}`,
    filename: `potrebnost-${kraj}-${on}.csv`,
    rows,
    className: 'need-table',
    empty: 'Pro kraj nejsou žádné ORP.',
    columns: [
      { label: 'ORP', value: (r) => r.name },
      { label: 'Obyvatel', value: (r) => r.population, num: true },
      ...druhy.map((d) => ({ label: d.name, value: (r) => r.byDruh[d.code]?.unmet, text: (r) => cellText(r.byDruh[d.code]), num: true })),
    ],
    // One line per ORP and druh, with both measures: easier to pivot than the matrix.
    csv: {
      headers: ['ORP', 'Kód ORP (ČSÚ)', 'Obyvatel', 'Druh služby', 'Čekajících osob', 'Na 1 000 obyvatel'],
      rows: rows.flatMap((r) => druhy.map((d) => {
        const p = r.byDruh[d.code];
        return [r.name, r.csuCode, r.population, d.name, p?.unmet ?? '', p?.perThousand ?? ''];
      })),
    },
  }));
}
