// An upload box for a CSV import (registers, catalogue): the file, the all-or-nothing outcome with the counts, or the
// table of rejected rows by their line. spec: { id, title, url, columns: [[name, meaning]], summary(result),
// template?: a sample file, download?: { href, text } the current data in the same format, note?: text under the columns }.
import { ApiError, problemText, sendCsv } from '../api.js';
import { el, fill } from '../dom.js';
import { formatNumber } from '../format.js';
import { authed } from './session.js';
import { field } from './ui.js';

export function importBox(spec, onImported) {
  const input = el('input', { type: 'file', name: `soubor-${spec.id}`, accept: '.csv,text/csv' });
  const submit = el('button', { type: 'submit', class: 'button-primary', text: 'Nahrát soubor' });
  // data-uploads counts finished uploads, so a script (or a test) can tell a new outcome from the previous one.
  // The outcome announces itself (role status or alert).
  const result = el('div', { class: 'import-result', 'data-uploads': '0' });
  const form = el('form', { class: 'import-form', novalidate: true, 'data-import': spec.id },
    field({ label: `Soubor CSV – ${spec.title.toLowerCase()}`, input, hint: 'Nahrání je „vše, nebo nic“: jediný chybný řádek zamítne celý soubor. Opakované nahrání téhož souboru nic nezmění.' }),
    el('div', { class: 'form-actions' }, submit,
      spec.template ? el('a', { href: spec.template, download: '', class: 'button-secondary', text: 'Stáhnout šablonu' }) : null,
      spec.download ? el('a', { href: spec.download.href, download: '', class: 'button-secondary', text: spec.download.text }) : null));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = input.files[0];
    if (!file) {
      fill(result, outcome('error', 'Vyberte soubor CSV.'));
      input.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Nahrávám…';
    fill(result, el('p', { class: 'loading', text: `Zpracovávám ${file.name}…` }));
    try {
      const r = await authed(() => sendCsv(spec.url, file));
      fill(result, outcome('ok', `Soubor ${file.name} byl nahrán: ${spec.summary(r)}.`));
      form.reset();
      await onImported?.();
    } catch (err) {
      fill(result, rejected(err, file.name));
    } finally {
      submit.disabled = false;
      submit.textContent = 'Nahrát soubor';
      result.dataset.uploads = String(Number(result.dataset.uploads) + 1);
    }
  });
  return el('section', { class: 'panel-box import-box', 'aria-labelledby': `import-${spec.id}-title` },
    el('h2', { id: `import-${spec.id}-title`, text: spec.title }),
    form,
    el('details', { class: 'csv-columns' },
      el('summary', { text: 'Sloupce souboru' }),
      el('dl', {}, spec.columns.flatMap(([k, v]) => [el('dt', { class: 'mono', text: k }), el('dd', { text: v })])),
      spec.note ? el('p', { class: 'field-hint', text: spec.note }) : null),
    result);
}

function outcome(kind, text, ...extra) {
  return el('div', { class: `notice notice-${kind}`, role: kind === 'ok' ? 'status' : 'alert' }, el('p', { text }), ...extra);
}

function rejected(err, fileName) {
  const rows = err instanceof ApiError ? err.problem?.rows : null;
  if (!rows?.length) return outcome('error', `Soubor ${fileName} nebyl nahrán. ${problemText(err)}`);
  return el('div', { class: 'notice notice-error import-rejected', role: 'alert' },
    el('p', {}, el('strong', { text: err.problem.title || 'Import zamítnut, nic nebylo uloženo' })),
    el('p', { text: `Soubor ${fileName}: ${err.problem.detail || ''} Opravte uvedené řádky a nahrajte celý soubor znovu.` }),
    el('table', { class: 'data-table import-errors' },
      el('caption', { text: 'Chybné řádky' }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Řádek' }), el('th', { scope: 'col', text: 'Chyba' }))),
      el('tbody', {}, rows.map((r) => el('tr', {},
        el('td', { class: 'nowrap', text: r.line > 0 ? formatNumber(r.line) : 'celý soubor' }),
        el('td', { text: r.message }))))));
}
