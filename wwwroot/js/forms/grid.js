// One form as spreadsheet-like grids, one per set (sada), laid out from the form's template: rows × columns, obce
// expanded under their SO ORP rows. Typed values are checked by the server as the user types (debounced), which
// answers the computed cells (sums) and the messages per cell; the page only draws them.
import { el, fill } from '../dom.js';

export const ORP = 'orp:';
export const OBEC = 'obec:';
const DECIMALS = { fte: 2, money: 2, percent: 2, int: 0, consent: 0 };
const UNITS = { money: 'Kč', percent: '%', fte: 'úv.' };
const FOLDED_KEY = 'kissos.forms.folded';

export const address = (set, row, column) => (column ? `${set}/${row}/${column}` : `${set}/${row}`);

/** Whether a set or row applies to this service and term (the template's `when`). */
export function applies(when, view) {
  if (!when) return true;
  const ok = (list, test) => !list?.length || test(list);
  return ok(when.druhy, (l) => l.includes(view.service.druh))
    && ok(when.forms, (l) => l.some((f) => view.service.forms.includes(f)))
    && ok(when.terms, (l) => l.includes(view.term));
}

export function formatNumber(value, type) {
  if (value == null || value === '') return '';
  const d = DECIMALS[type] ?? 2;
  return Number(value).toLocaleString('cs-CZ', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** What a numeric cell's text means: null when empty (back to −1), a number, or the text as typed (the server names the error). */
export function parseNumber(text) {
  const t = text.replace(/[\s\u00a0]/g, '').replace(',', '.').replace('−', '-');
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
}

/** Sets whose foldable columns are folded, kept for the browser tab so a save or reload does not unfold them. */
export const folded = {
  all: () => new Set(JSON.parse(sessionStorage.getItem(FOLDED_KEY) || '[]')),
  has: (set) => folded.all().has(set),
  toggle(set) {
    const s = folded.all();
    if (s.has(set)) s.delete(set); else s.add(set);
    sessionStorage.setItem(FOLDED_KEY, JSON.stringify([...s]));
    return s.has(set);
  },
};

/** The displayed rows of a set: template rows that apply, and under an obce row its SO ORP rows with their obce. */
function rowsOf(set, view, obce, names) {
  const rows = [];
  for (const row of set.rows.filter((r) => applies(r.when, view))) {
    rows.push({ code: row.code, label: row.label, row, level: row.level || 0 });
    if (row.kind !== 'obce') continue;
    const byOrp = Map.groupBy(obce, (o) => o.orp);
    for (const [orp, list] of byOrp) {
      rows.push({ code: ORP + orp, label: `SO ORP ${names.get(ORP + orp) || orp}`, row, level: (row.level || 0) + 1, orp });
      for (const o of list) rows.push({ code: OBEC + o.obec, label: names.get(OBEC + o.obec) || o.obec, row, level: (row.level || 0) + 2, obec: o });
    }
  }
  return rows;
}

/** What a cell is: 'input', 'computed' or 'none' — the same decision as the server's FormGrid.KindOf. */
function kindOf(r, column) {
  if (r.row.type === 'text') return 'none';
  if (column.kind === 'baseline') return r.code === r.row.code && r.row.baseline ? 'computed' : 'none';
  if (column.kind === 'sum' || r.code.startsWith(ORP)) return 'computed';
  if (r.code.startsWith(OBEC)) return 'input';
  return { input: 'input', 'read-only': 'none' }[r.row.kind || 'input'] ?? 'computed';
}

/**
 * Draws every set of the form. state: { view, values, obce, names, editable }; hooks: onChange(), onRemoveObec(obec),
 * obcePicker(set) → node placed under the obce row. Answers { update(check) } to redraw computed cells and messages.
 */
export function renderSets(container, state, hooks) {
  const { view } = state;
  const cells = new Map(); // address → { td, input }
  const sets = view.template.sets.filter((s) => applies(s.when, view));
  const sections = sets.map((set) => {
    const hasFoldable = set.columns.some((c) => c.foldable);
    const table = el('table', { class: 'form-grid', 'data-set': set.code });
    if (folded.has(set.code)) table.classList.add('folded');
    const textRows = [];
    const body = el('tbody');
    const rows = rowsOf(set, view, state.obce, state.names);
    rows.forEach((r, ri) => {
      if (r.row.type === 'text') { textRows.push(r); return; }
      const th = el('th', { scope: 'row', class: `level-${r.level}`, text: r.label });
      if (r.obec && state.editable) {
        th.append(' ', el('button', {
          type: 'button', class: 'link-button obec-remove', text: 'odebrat', 'aria-label': `Odebrat obec ${r.label}`,
          onclick: () => hooks.onRemoveObec(r.obec),
        }));
      }
      const tr = el('tr', { 'data-row': r.code, class: r.row.kind === 'sum' || r.orp ? 'sum-row' : null }, th);
      set.columns.forEach((column, ci) => {
        const key = address(set.code, r.code, column.code);
        const kind = kindOf(r, column);
        // A cell copied from another signed form (překlopení) is shown greyed with its origin and cannot be typed into.
        const origin = state.view.transferred?.[key];
        const td = el('td', {
          class: `cell cell-${kind} type-${r.row.type}${column.foldable ? ' foldable' : ''}${origin ? ' cell-transferred' : ''}`,
          'data-cell': key, title: origin ? `Převzato: ${origin}` : null,
        });
        let input = null;
        if (kind === 'input' && state.editable && !origin) {
          const v = state.values[key];
          input = el('input', {
            type: 'text', inputmode: 'decimal', autocomplete: 'off', 'data-r': String(ri), 'data-c': String(ci),
            'aria-label': `${r.label} – ${column.name}`, placeholder: '−1',
            value: v == null ? '' : (typeof v === 'number' ? formatNumber(v, r.row.type) : v),
          });
          input.addEventListener('input', () => { state.values[key] = parseNumber(input.value); hooks.onChange(); });
          input.addEventListener('keydown', (e) => move(e, container, set.code));
          td.append(input);
        } else if (kind === 'input') {
          td.textContent = state.values[key] == null ? '−1' : formatNumber(state.values[key], r.row.type);
        }
        tr.append(td);
        cells.set(key, { td, input, type: r.row.type, kind });
      });
      body.append(tr);
      if (r.row.kind === 'obce' && state.editable && hooks.obcePicker) {
        body.append(el('tr', { class: 'obce-picker-row' }, el('td', { colspan: String(set.columns.length + 1) }, hooks.obcePicker(set))));
      }
    });
    const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col', class: 'corner', text: 'Položka' }),
      set.columns.map((c) => el('th', { scope: 'col', class: c.foldable ? 'foldable' : null, text: c.name }))));
    table.append(head, body);
    const texts = textRows.map((r) => {
      const key = address(set.code, r.code);
      const area = el('textarea', { rows: '3', maxlength: '4000', disabled: !state.editable, value: state.values[key] ?? '' });
      area.addEventListener('input', () => { state.values[key] = area.value === '' ? null : area.value; hooks.onChange(); });
      const wrap = el('label', { class: 'form-text', 'data-cell': key }, el('span', { text: r.label }), area);
      cells.set(key, { td: wrap, input: area, type: 'text', kind: 'input' });
      return wrap;
    });
    const fold = hasFoldable ? el('button', {
      type: 'button', class: 'button-secondary fold-toggle', 'aria-pressed': String(folded.has(set.code)),
      text: folded.has(set.code) ? 'Rozbalit zdroje 2–13' : 'Sbalit zdroje 2–13',
      onclick: (e) => {
        const now = folded.toggle(set.code);
        table.classList.toggle('folded', now);
        e.target.textContent = now ? 'Rozbalit zdroje 2–13' : 'Sbalit zdroje 2–13';
        e.target.setAttribute('aria-pressed', String(now));
      },
    }) : null;
    return el('section', { class: 'form-set', id: `sada-${set.code}`, 'aria-labelledby': `sada-${set.code}-title` },
      el('h2', { id: `sada-${set.code}-title`, text: set.name }),
      set.help ? el('p', { class: 'form-help', text: set.help }) : null,
      // Focusable so that a keyboard can scroll the grid even where it has no inputs (read only); named by the title.
      fold, el('div', { class: 'grid-scroll', tabindex: '0', role: 'region', 'aria-labelledby': `sada-${set.code}-title` }, table), texts);
  });
  fill(container, sections);

  return {
    /** Draws the server's check: computed values and the Czech messages of each cell. */
    update(check, extraErrors = {}) {
      for (const [key, c] of cells) {
        if (c.kind === 'computed') c.td.textContent = formatNumber(check.computed?.[key] ?? 0, c.type);
        const msgs = [...(check.messages?.[key] || []), ...(extraErrors[key] || [])];
        c.td.querySelector('.cell-message')?.remove();
        c.td.classList.toggle('has-message', msgs.length > 0);
        c.td.classList.toggle('is-invalid', (check.invalid || []).includes(key) || Boolean(extraErrors[key]));
        if (c.input) c.input.setAttribute('aria-invalid', String(msgs.length > 0));
        if (msgs.length) c.td.append(el('span', { class: 'cell-message', role: 'note', text: msgs.join(' ') }));
        if (c.input && msgs.length) c.input.title = msgs.join(' '); else if (c.input) c.input.removeAttribute('title');
      }
    },
  };
}

/** Spreadsheet keys: arrows move between cells (left/right only from the edge of the text), Enter moves down. */
function move(e, container, set) {
  const input = e.target;
  const deltas = { ArrowUp: [-1, 0], ArrowDown: [1, 0], Enter: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const d = deltas[e.key];
  if (!d || e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === 'ArrowLeft' && input.selectionStart > 0) return;
  if (e.key === 'ArrowRight' && input.selectionEnd < input.value.length) return;
  const table = container.querySelector(`table[data-set="${set}"]`);
  const inputs = [...table.querySelectorAll('input[data-r]')].filter((i) => i.offsetParent !== null);
  const pos = (i) => [Number(i.dataset.r), Number(i.dataset.c)];
  const [r, c] = pos(input);
  const candidates = inputs.filter((i) => {
    const [ir, ic] = pos(i);
    return d[0] ? ic === c && Math.sign(ir - r) === d[0] : ir === r && Math.sign(ic - c) === d[1];
  });
  if (!candidates.length) return;
  const distance = (i) => Math.abs(pos(i)[0] - r) + Math.abs(pos(i)[1] - c);
  const next = candidates.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  e.preventDefault();
  next.focus();
  next.select();
}
