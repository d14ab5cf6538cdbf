// A report table with its caption and a "Stáhnout CSV" button; long tables show their first rows and grow on request.
import { downloadCsv } from '../csv.js';
import { el } from '../dom.js';
import { formatNumber, plural, withUnit } from '../format.js';
import { nextId } from '../sprava/ui.js';

const PAGE = 100;

/**
 * columns: [{label, value(row) → raw value for the CSV, text?(row) → shown text, cell?(row) → node, num?}].
 * csv: {headers, rows} when the file should differ from the table (e.g. one line per nested item).
 */
export function reportTable({ caption, columns, rows, filename, csv, empty = 'Žádné údaje.', className = '' }) {
  const captionId = nextId('caption');
  const download = el('button', { type: 'button', class: 'button-secondary csv-button', 'aria-describedby': captionId },
    'Stáhnout CSV');
  download.addEventListener('click', () => {
    const file = csv || { headers: columns.map((c) => c.label), rows: rows.map((r) => columns.map((c) => c.value(r))) };
    downloadCsv(filename, file.headers, file.rows);
  });
  if (!rows.length) {
    return el('div', { class: 'report-table' },
      el('p', { class: 'report-caption', id: captionId, text: caption }),
      el('p', { class: 'missing', text: empty }));
  }
  let limit = PAGE;
  const tbody = el('tbody');
  const more = el('button', { type: 'button', class: 'button-secondary' });
  const shownNote = el('p', { class: 'hint', 'aria-live': 'polite' });
  const draw = () => {
    tbody.replaceChildren(...rows.slice(0, limit).map((r) => el('tr', {}, columns.map((c, i) => {
      const content = c.cell ? c.cell(r) : (c.text ? c.text(r) : format(c.value(r)));
      // The first column names the row.
      return i === 0 ? el('th', { scope: 'row', class: c.num ? 'num' : null }, content) : el('td', { class: c.num ? 'num' : null }, content);
    }))));
    more.hidden = rows.length <= limit;
    const next = Math.min(PAGE, rows.length - limit);
    more.textContent = `Zobrazit ${plural(next, ['další', 'další', 'dalších', 'dalších'])} ${withUnit(next, 'řádek')}`;
    shownNote.textContent = rows.length > limit
      ? `Zobrazeno řádků: ${formatNumber(limit)} z ${formatNumber(rows.length)}; soubor CSV obsahuje všechny.` : '';
  };
  more.addEventListener('click', () => { limit += PAGE; draw(); });
  draw();
  return el('div', { class: `report-table ${className}`.trim() },
    el('div', { class: 'report-table-head' }, download),
    // Focusable so that a keyboard can scroll a table wider than the page; named by the caption.
    el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': captionId },
      el('table', { class: 'data-table' },
        el('caption', { id: captionId, text: caption }),
        el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null, text: c.label })))),
        tbody)),
    shownNote,
    more);
}

const format = (v) => (typeof v === 'number' ? formatNumber(v) : v ?? '');
