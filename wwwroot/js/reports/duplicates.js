// People waiting on several waiting lists at once, and which: regional staff see what providers may not.
import { getJson } from '../api.js';
import { el, fill } from '../dom.js';
import { formatDate, plural, withUnit } from '../format.js';
import { authed } from '../sprava/session.js';
import { chartFigure, drawBars } from './charts.js';
import { reportTable } from './report-table.js';

export async function render(body) {
  const list = await authed(() => getJson('/api/registers/duplicates'));
  // How many people wait on 2, 3, … lists: the shape of the duplication at a glance.
  const lists = (n) => withUnit(n, 'pořadník');
  const spread = new Map();
  for (const d of list) spread.set(d.count, (spread.get(d.count) || 0) + 1);
  const counts = [...spread].sort((a, b) => a[0] - b[0]).map(([lists, persons]) => ({ lists, persons }));
  const chart = list.length ? chartFigure({
    title: 'Osoby podle počtu pořadníků, na kterých čekají',
    summary: counts.map((c) => `${lists(c.lists)}: ${withUnit(c.persons, 'osoba')}`).join(', '),
    height: 220,
  }) : null;
  fill(body,
    el('p', { class: 'lead', text: 'Lidé, kteří dnes čekají na pořadnících více služeb. Poskytovatelé vidí jen upozornění „čeká i jinde“, ne u koho; osoba je zde jen pod kódem.' }),
    el('p', { class: 'result-count', text: `${withUnit(list.length, 'osoba')} ${plural(list.length, ['čeká', 'čekají', 'čeká', 'čeká'])} na více pořadnících.` }),
    chart?.figure,
    chart ? reportTable({
      caption: 'Osoby podle počtu pořadníků',
      filename: 'duplicity-souhrn.csv',
      rows: counts,
      columns: [
        { label: 'Počet pořadníků', value: (c) => c.lists, num: true },
        { label: 'Osob', value: (c) => c.persons, num: true },
      ],
    }) : null,
    el('h2', { class: 'report-subtitle', text: 'Osoby a služby' }),
    reportTable({
      caption: 'Žadatelé čekající na více pořadnících',
      filename: 'duplicity.csv',
      rows: list,
      empty: 'Nikdo nečeká na více pořadnících.',
      columns: [
        { label: 'Kód osoby', value: (d) => d.personCode, cell: (d) => el('span', { class: 'mono', text: d.personCode }) },
        { label: 'Pořadníků', value: (d) => d.count, num: true },
        {
          label: 'Služby (poskytovatel, podání žádosti)',
          value: (d) => d.services.map((s) => s.serviceName).join(' | '),
          cell: (d) => el('ul', { class: 'plain dup-services' }, d.services.map((s) => el('li', {},
            el('strong', { text: s.serviceName }), ` – ${s.provider}, podáno ${formatDate(s.appliedOn)}`))),
        },
      ],
      csv: {
        headers: ['Kód osoby', 'Pořadníků', 'Služba (id)', 'Služba', 'Poskytovatel', 'Podání žádosti'],
        rows: list.flatMap((d) => d.services.map((s) => [d.personCode, d.count, s.serviceId, s.serviceName, s.provider, s.appliedOn])),
      },
    }));
  if (chart) {
    await drawBars(chart.canvas, {
      labels: counts.map((c) => lists(c.lists)),
      datasets: [{ label: 'Osob', data: counts.map((c) => c.persons) }],
    });
  }
}
