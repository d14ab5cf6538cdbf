// Souhrny (regional staff): a year's forms of the kraj summed per druh or per ORP (the template's totals: FTE, costs,
// revenues, beds, users, bed-days), handed-in forms only or all, with the forms per state and CSV/XLSX downloads.
import { getJson } from '../api.js';
import { el, fill } from '../dom.js';
import { select } from '../sprava/ui.js';

const STATE_LABELS = [['schvaleno', 'schváleno'], ['ke_schvaleni', 'ke schválení krajem'], ['vraceno', 'vráceno k přepracování'],
  ['rozpracovano', 'rozpracováno'], ['nezalozeno', 'nezaloženo']];
const number = (n) => Number(n).toLocaleString('cs-CZ', { maximumFractionDigits: 2 });

/**
 * Renders the sums into `main`. `q`: {year, term, family, by, include, kraj} as in the page address (term '' = the
 * family's last term, chosen by the server); `families` and `years` are [value, label] pairs for the filters.
 */
export async function staffSums(main, q, { families, years }) {
  const api = (extra = {}) => new URLSearchParams(Object.entries({
    year: q.year, term: q.term, family: q.family, by: q.by, include: q.include, kraj: q.kraj, ...extra,
  }).filter(([, v]) => v));
  const data = await getJson(`/api/forms/sums?${api()}`);
  const controls = el('form', { class: 'forms-filter' },
    el('input', { type: 'hidden', name: 'souhrn', value: '1' }),
    el('label', {}, 'Formulář ', select(families, q.family, { name: 'rodina' })),
    el('label', {}, 'Rok ', select(years, q.year, { name: 'rok' })),
    el('label', {}, 'Termín ', select([1, 2, 3, 4].map((t) => [String(t), `${t}.`]), String(data.term), { name: 'termin' })),
    el('label', {}, 'Podle ', select([['druh', 'druhu služby'], ['orp', 'ORP']], q.by, { name: 'podle' })),
    el('label', {}, 'Formuláře ', select([['handed-in', 'předané a schválené'], ['all', 'všechny']], q.include, { name: 'zahrnout' })),
    q.kraj ? el('input', { type: 'hidden', name: 'kraj', value: q.kraj }) : null,
    el('button', { type: 'submit', class: 'button-primary', text: 'Zobrazit' }));
  const states = STATE_LABELS.map(([code, label]) => `${label} ${data.states[code] || 0}`).join(' · ');
  const group = q.by === 'orp' ? 'ORP' : 'Druh služby';
  const overview = `?${new URLSearchParams(Object.entries({ rok: q.year, termin: String(data.term), rodina: q.family, kraj: q.kraj }).filter(([, v]) => v))}`;
  const cells = (row) => [el('td', { class: 'num', text: number(row.forms) }), ...data.figures.map((f) => el('td', { class: 'num', text: number(row.values[f.code]) }))];
  fill(main, el('h1', { text: `Souhrny kraje ${data.kraj} za rok ${data.year}` }), controls,
    el('p', { class: 'forms-summary', 'data-states': '' }, `Formuláře ${data.term}. termínu: ${states}. `,
      data.include === 'all' ? 'Sečteny jsou všechny založené formuláře (nevyplněné buňky jako 0).' : 'Sečteny jsou jen formuláře předané a schválené.'),
    q.by === 'orp' ? el('p', { class: 'hint', text: 'Služba s místy poskytování v několika ORP se dělí rovným dílem mezi ně (jako kapacity na mapě); počet formulářů pak bývá desetinný.' }) : null,
    el('p', { class: 'button-row' }, 'Stáhnout souhrn: ',
      el('a', { class: 'button-secondary', href: `/api/forms/sums?${api({ format: 'xlsx' })}`, download: '', text: 'XLSX' }),
      el('a', { class: 'button-secondary', href: `/api/forms/sums?${api({ format: 'csv' })}`, download: '', text: 'CSV' }),
      ' ', el('a', { href: overview, text: '← Přehled formulářů' })),
    data.rows.length === 0
      ? el('p', { class: 'home-empty', text: data.include === 'all' ? 'Žádné formuláře k sečtení.'
        : 'Žádné formuláře k sečtení: žádný není předán ani schválen. Rozpracované sečtete volbou „Formuláře: všechny“.' })
      : el('table', { class: 'data-table forms-table forms-sums' },
        el('thead', {}, el('tr', {}, [group, 'Počet formulářů', ...data.figures.map((f) => f.label)]
          .map((h, i) => el('th', { scope: 'col', class: i > 0 ? 'num' : null, text: h })))),
        el('tbody', {}, data.rows.map((r) => el('tr', { 'data-code': r.code }, el('th', { scope: 'row', text: r.name }), ...cells(r)))),
        el('tfoot', {}, el('tr', {}, el('th', { scope: 'row', text: 'Celkem' }), ...cells(data.total)))));
}
