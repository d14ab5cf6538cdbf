// Prostupnost over a period: people admitted from waiting lists and users leaving, per druh; moves between druhy.
import { getJson } from '../api.js';
import { el, fill } from '../dom.js';
import { formatDate, formatNumber, isoDate, withUnit } from '../format.js';
import { authed } from '../sprava/session.js';
import { taxonomy } from '../sprava/territory.js';
import { showProblem } from '../sprava/ui.js';
import { chartFigure, drawBars } from './charts.js';
import { dayParam, filterForm } from './filter.js';
import { reportTable } from './report-table.js';

const startOfYear = () => `${isoDate().slice(0, 4)}-01-01`;

export async function render(body, ctx) {
  const from = dayParam(ctx.query, 'od', startOfYear());
  const to = dayParam(ctx.query, 'do', isoDate());
  const inputs = {
    od: el('input', { type: 'date', value: from }),
    do: el('input', { type: 'date', value: to }),
  };
  const form = filterForm({
    inputs, labels: { od: 'Od', do: 'Do' }, hashBase: ctx.hashBase, onSame: () => render(body, ctx),
  });
  const result = el('div', { class: 'report-result', 'aria-live': 'polite' }, el('p', { class: 'loading', text: 'Načítám…' }));
  fill(body,
    el('p', { class: 'lead', text: 'Kolik lidí bylo v období přijato z pořadníků do služeb, kolik uživatelů služby opustilo a kam přešli – podle druhu služby, každý člověk jednou.' }),
    form, result);

  let data, tax;
  try {
    [data, tax] = await Promise.all([
      authed(() => getJson(`/api/registers/permeability?${new URLSearchParams({ from, to })}`)),
      taxonomy(),
    ]);
  } catch (err) {
    result.replaceChildren();
    showProblem(form, err, { title: 'Report nelze načíst' });
    return;
  }
  const druhName = (code) => tax.druhy.find((d) => d.code === code)?.name || `druh ${code}`;
  const period = `${formatDate(from)} – ${formatDate(to)}`;

  // One row per druh present in either list, by name.
  const byDruh = new Map();
  for (const a of data.admitted) byDruh.set(a.druh, { druh: a.druh, admitted: a.persons, left: 0 });
  for (const l of data.left) byDruh.set(l.druh, { ...(byDruh.get(l.druh) || { druh: l.druh, admitted: 0 }), left: l.persons });
  const rows = [...byDruh.values()].sort((a, b) => druhName(a.druh).localeCompare(druhName(b.druh), 'cs'));
  const totalIn = rows.reduce((s, r) => s + r.admitted, 0);
  const totalOut = rows.reduce((s, r) => s + r.left, 0);

  const chart = rows.length ? chartFigure({
    title: `Přijatí z pořadníků a odchody ze služeb, ${period}`,
    summary: `Celkem přijato: ${withUnit(totalIn, 'osoba')}, odešlo: ${withUnit(totalOut, 'osoba')}; druhů služeb: ${formatNumber(rows.length)}.`,
    height: Math.max(260, 60 + rows.length * 46),
  }) : null;
  fill(result,
    el('p', { class: 'result-count', text: `Období ${period}: přijato ${formatNumber(totalIn)}, odešlo ${formatNumber(totalOut)}, přechodů mezi službami ${formatNumber(data.transitions.reduce((s, t) => s + t.persons, 0))}.` }),
    chart?.figure,
    reportTable({
      caption: `Přijatí a odchody podle druhu služby, ${period}`,
      filename: `prostupnost-${from}-${to}.csv`,
      rows,
      empty: 'V období nebyl nikdo přijat ani neodešel.',
      columns: [
        { label: 'Druh služby', value: (r) => druhName(r.druh) },
        { label: 'Přijato z pořadníků (osob)', value: (r) => r.admitted, num: true },
        { label: 'Odešlo ze služeb (osob)', value: (r) => r.left, num: true },
      ],
    }),
    el('h2', { class: 'report-subtitle', text: 'Přechody mezi druhy služeb' }),
    el('p', { class: 'hint', text: 'Uživatelé, jejichž služba v období skončila a poskytovatel uvedl navazující službu.' }),
    reportTable({
      caption: `Přechody mezi druhy služeb, ${period}`,
      filename: `prechody-${from}-${to}.csv`,
      rows: data.transitions,
      empty: 'V období nikdo nepřešel do navazující služby.',
      columns: [
        { label: 'Z druhu', value: (t) => druhName(t.from) },
        { label: 'Do druhu', value: (t) => druhName(t.to) },
        { label: 'Osob', value: (t) => t.persons, num: true },
      ],
    }));
  if (chart) {
    await drawBars(chart.canvas, {
      horizontal: true,
      labels: rows.map((r) => druhName(r.druh)),
      datasets: [
        { label: 'Přijato z pořadníků', data: rows.map((r) => r.admitted) },
        { label: 'Odešlo ze služeb', data: rows.map((r) => r.left) },
      ],
    });
  }
}
