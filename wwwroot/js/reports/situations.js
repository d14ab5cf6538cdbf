// Demand of potential users by adverse social situation (§ 3 b) and obec of residence, on a day, for one or all druhy.
import { getJson } from '../api.js';
import { el, fill } from '../dom.js';
import { formatDate, isoDate, withUnit } from '../format.js';
import { SITUATIONS, situationName } from '../registers-labels.js';
import { authed } from '../sprava/session.js';
import { taxonomy } from '../sprava/territory.js';
import { select, showProblem } from '../sprava/ui.js';
import { chartFigure, drawBars } from './charts.js';
import { dayParam, filterForm } from './filter.js';
import { reportTable } from './report-table.js';

export async function render(body, ctx) {
  const tax = await taxonomy();
  const on = dayParam(ctx.query, 'den', isoDate());
  const druh = tax.druhy.some((d) => d.code === ctx.query.get('druh')) ? ctx.query.get('druh') : '';
  const druhy = [...tax.druhy].sort((a, b) => a.name.localeCompare(b.name, 'cs'));
  const inputs = {
    den: el('input', { type: 'date', value: on }),
    druh: select([['', 'všechny druhy'], ...druhy.map((d) => [d.code, d.name])], druh),
  };
  const form = filterForm({
    inputs, labels: { den: 'Stav ke dni', druh: 'Druh služby' }, hashBase: ctx.hashBase, onSame: () => render(body, ctx),
  });
  const result = el('div', { class: 'report-result', 'aria-live': 'polite' }, el('p', { class: 'loading', text: 'Načítám…' }));
  fill(body,
    el('p', { class: 'lead', text: 'Poptávka potenciálních uživatelů: lidé čekající ke dni na pořadnících podle nepříznivé sociální situace, kterou poskytovatel u žádosti uvedl, a podle obce bydliště.' }),
    form, result);

  let rows;
  try {
    const q = new URLSearchParams({ on });
    if (druh) q.set('druh', druh);
    rows = await authed(() => getJson(`/api/registers/situations?${q}`));
  } catch (err) {
    result.replaceChildren();
    showProblem(form, err, { title: 'Report nelze načíst' });
    return;
  }
  const what = `${druh ? tax.druhy.find((d) => d.code === druh).name : 'všechny druhy'}, stav k ${formatDate(on)}`;
  // Per situation over all obce; a person counts once in each situation stated for them.
  const totals = new Map(Object.keys(SITUATIONS).map((s) => [s, 0]));
  for (const r of rows) totals.set(r.situation, (totals.get(r.situation) || 0) + r.persons);
  const summary = [...totals].map(([situation, persons]) => ({ situation, persons })).sort((a, b) => b.persons - a.persons);
  const any = rows.length > 0;
  const chart = any ? chartFigure({
    title: `Čekající podle nepříznivé sociální situace – ${what}`,
    summary: `Nejčastější: ${situationName(summary[0].situation)} (${withUnit(summary[0].persons, 'osoba')}).`,
    height: 300,
  }) : null;
  fill(result,
    chart?.figure,
    reportTable({
      caption: `Čekající podle nepříznivé sociální situace – ${what}`,
      filename: `situace-${on}${druh ? `-druh-${druh}` : ''}.csv`,
      rows: any ? summary : [],
      empty: 'Ke dni nikdo nečeká (nebo poskytovatelé situaci neuvedli).',
      columns: [
        { label: 'Nepříznivá sociální situace', value: (r) => situationName(r.situation) },
        { label: 'Osob', value: (r) => r.persons, num: true },
      ],
    }),
    el('p', { class: 'hint', text: 'Jeden člověk může mít uvedeno více situací; pak je započten u každé z nich.' }),
    el('h2', { class: 'report-subtitle', text: 'Podle obce bydliště' }),
    reportTable({
      caption: `Čekající podle situace a obce bydliště – ${what}`,
      filename: `situace-obce-${on}${druh ? `-druh-${druh}` : ''}.csv`,
      rows,
      empty: 'Žádné údaje.',
      columns: [
        { label: 'Obec bydliště', value: (r) => r.obecName },
        { label: 'Kód obce', value: (r) => r.obec },
        { label: 'Nepříznivá sociální situace', value: (r) => situationName(r.situation) },
        { label: 'Osob', value: (r) => r.persons, num: true },
      ],
    }));
  if (chart) {
    await drawBars(chart.canvas, {
      horizontal: true,
      labels: summary.map((r) => situationName(r.situation)),
      datasets: [{ label: 'Osob', data: summary.map((r) => r.persons) }],
    });
  }
}
