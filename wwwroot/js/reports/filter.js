// The filter of a report: its values go to the address (#reporty/…?od=…), so a report can be linked and reloaded.
import { el } from '../dom.js';
import { field } from '../sprava/ui.js';

/** inputs: {key: input element}; labels: {key: label}. onSame() redraws when the address would not change. */
export function filterForm({ inputs, labels, hints = {}, hashBase, onSame, submitText = 'Zobrazit' }) {
  const form = el('form', { class: 'report-filter', role: 'search', 'aria-label': 'Nastavení reportu', novalidate: true },
    Object.entries(inputs).map(([k, input]) => field({ label: labels[k], input, hint: hints[k], errorFor: k })),
    el('div', { class: 'filter-actions' }, el('button', { type: 'submit', class: 'button-primary', text: submitText })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, input] of Object.entries(inputs)) if (input.value) q.set(k, input.value);
    const hash = `${hashBase}${q.toString() ? `?${q}` : ''}`;
    if (location.hash === hash) onSame(); else location.hash = hash;
  });
  return form;
}

/** A valid "RRRR-MM-DD" from the address, or the fallback. */
export const dayParam = (query, key, fallback) => (/^\d{4}-\d{2}-\d{2}$/.test(query.get(key) || '') ? query.get(key) : fallback);
