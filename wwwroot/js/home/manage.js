// Regional staff's editing of the nástěnka: a form to add each kind of item, removal, and new document versions.
// The server decides the kraj (the account's own; an administrator names one) and checks every field.
import { api, send, sendFile } from '../api.js';
import { hasRole } from '../account.js';
import { el } from '../dom.js';
import { session } from '../sprava/session.js';
import { checkRequired, confirmDialog, field, select, showErrors, showProblem } from '../sprava/ui.js';

export const AUDIENCES = [['kraj', 'poskytovatelé kraje'], ['druh', 'poskytovatelé jednoho druhu služby'], ['vsichni', 'všichni']];
export const DOCUMENT_KINDS = [['metodika', 'Metodika'], ['navod', 'Návod'], ['jine', 'Jiný dokument']];

const today = () => new Date().toLocaleDateString('sv-SE'); // YYYY-MM-DD in local time
const input = (attrs = {}) => el('input', { type: 'text', ...attrs });
const area = (name) => el('textarea', { name, rows: 5 });
const value = (form, name) => form.elements[name]?.value.trim() || null;
const number = (form, name) => (value(form, name) === null ? null : Number(value(form, name)));
let druhy = null;

const KINDS = {
  announcement: {
    title: 'Přidat aktualitu',
    url: '/api/home/announcements',
    fields: () => {
      const audience = select(AUDIENCES, 'kraj', { name: 'audience' });
      const druh = select([['', '…']], '', { name: 'druh' });
      const druhField = field({ label: 'Druh služby', input: druh, errorFor: 'druh' });
      druhField.hidden = true;
      audience.addEventListener('change', () => { druhField.hidden = audience.value !== 'druh'; });
      (druhy ??= api.taxonomy().then((t) => t.druhy)).then((list) => druh.replaceChildren(
        ...list.map((d) => el('option', { value: d.code, text: `${d.code} ${d.name}` })))).catch(() => {});
      return [
        field({ label: 'Nadpis', input: input({ name: 'title', maxlength: 200 }), required: true, errorFor: 'title' }),
        field({ label: 'Text', input: area('text'), required: true, errorFor: 'text',
          hint: 'Prostý text. Prázdný řádek = nový odstavec, „- “ na začátku řádku = odrážka, **tučně**, [odkaz](https://…).' }),
        field({ label: 'Platí od', input: input({ type: 'date', name: 'validFrom', value: today() }), required: true, errorFor: 'validFrom' }),
        field({ label: 'Platí do', input: input({ type: 'date', name: 'validTo' }), errorFor: 'validTo' }),
        field({ label: 'Komu', input: audience, errorFor: 'audience' }),
        druhField,
      ];
    },
    body: (f) => ({ title: value(f, 'title'), text: f.elements.text.value, validFrom: value(f, 'validFrom'), validTo: value(f, 'validTo'),
      audience: value(f, 'audience'), druh: value(f, 'audience') === 'druh' ? value(f, 'druh') : null }),
  },
  contact: {
    title: 'Přidat kontaktní osobu',
    url: '/api/home/contacts',
    fields: () => [
      field({ label: 'Jméno', input: input({ name: 'name' }), required: true, errorFor: 'name' }),
      field({ label: 'Agenda', input: input({ name: 'agenda' }), required: true, errorFor: 'agenda', hint: 'Např. Rozpočet a vyúčtování, Výkazy' }),
      field({ label: 'E-mail', input: input({ type: 'email', name: 'email' }), errorFor: 'email' }),
      field({ label: 'Telefon', input: input({ type: 'tel', name: 'phone' }), errorFor: 'phone' }),
      field({ label: 'Pořadí', input: input({ type: 'number', name: 'sortOrder', value: '0' }), errorFor: 'sortOrder' }),
    ],
    body: (f) => ({ name: value(f, 'name'), agenda: value(f, 'agenda'), email: value(f, 'email'), phone: value(f, 'phone'), sortOrder: number(f, 'sortOrder') }),
  },
  faq: {
    title: 'Přidat častý dotaz',
    url: '/api/home/faq',
    fields: () => [
      field({ label: 'Otázka', input: input({ name: 'question' }), required: true, errorFor: 'question' }),
      field({ label: 'Odpověď', input: area('answer'), required: true, errorFor: 'answer' }),
      field({ label: 'Pořadí', input: input({ type: 'number', name: 'sortOrder', value: '0' }), errorFor: 'sortOrder' }),
    ],
    body: (f) => ({ question: value(f, 'question'), answer: f.elements.answer.value, sortOrder: number(f, 'sortOrder') }),
  },
  document: {
    title: 'Přidat dokument',
    url: '/api/home/documents',
    fields: () => [
      field({ label: 'Název', input: input({ name: 'title' }), required: true, errorFor: 'title' }),
      field({ label: 'Druh', input: select(DOCUMENT_KINDS, 'metodika', { name: 'kind' }), errorFor: 'kind' }),
      field({ label: 'Modul', input: input({ name: 'module', value: 'Rozpočet a vyúčtování' }), required: true, errorFor: 'module' }),
      field({ label: 'Rok', input: input({ type: 'number', name: 'year', value: String(new Date().getFullYear()) }), required: true, errorFor: 'year' }),
      field({ label: 'Soubor', input: el('input', { type: 'file', name: 'file' }), required: true, errorFor: 'soubor',
        hint: 'PDF, DOCX, XLSX, DOC, XLS, ODT, ODS, ZIP nebo TXT, nejvýš 20 MB.' }),
    ],
    body: (f) => ({ title: value(f, 'title'), kind: value(f, 'kind'), module: value(f, 'module'), year: number(f, 'year') }),
    after: (f, created) => upload(created.id, f.elements.file.files[0]),
  },
};

const upload = (id, file) => sendFile(`/api/home/documents/${id}/versions?nazev=${encodeURIComponent(file.name)}`, file);

/** A folded form "Přidat …" for staff; reload() redraws the section after a save. */
export function addForm(kind, reload) {
  const spec = KINDS[kind];
  const admin = hasRole(session.account, 'admin');
  const submit = el('button', { type: 'submit', class: 'button-primary', text: 'Uložit' });
  const form = el('form', { class: 'home-form', novalidate: true, 'data-kind': kind },
    admin ? field({ label: 'Kraj (NUTS3)', input: input({ name: 'kraj', placeholder: 'CZ072' }), required: true, errorFor: 'kraj' }) : null,
    spec.fields(),
    el('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const missing = checkRequired(form);
    if (Object.keys(missing).length) { showErrors(form, missing); return; }
    submit.disabled = true;
    try {
      const created = await send('POST', spec.url, { ...spec.body(form), kraj: admin ? value(form, 'kraj') : undefined });
      await spec.after?.(form, created);
      reload();
    } catch (err) {
      showProblem(form, err);
    } finally {
      submit.disabled = false;
    }
  });
  return el('details', { class: 'home-add' }, el('summary', { text: spec.title }), form);
}

/** "Odebrat" with a confirmation. */
export function removeButton(url, title, reload) {
  return el('button', { type: 'button', class: 'link-button danger', text: 'Odebrat', onclick: async () => {
    if (!(await confirmDialog({ title: 'Odebrat z nástěnky?', text: `„${title}“ zmizí z nástěnky všech účtů.`, ok: 'Odebrat' }))) return;
    try { await send('DELETE', url); reload(); } catch (err) { showProblem(document.getElementById('main'), err); }
  } });
}

/** Upload of a document's next version; the older ones stay downloadable. */
export function uploadVersionForm(document_, reload) {
  const file = el('input', { type: 'file', name: 'file', 'aria-label': `Nová verze: ${document_.title}` });
  const form = el('form', { class: 'home-version', novalidate: true }, file,
    el('button', { type: 'submit', class: 'button-secondary', text: 'Nahrát novou verzi' }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file.files[0]) return;
    try { await upload(document_.id, file.files[0]); reload(); } catch (err) { showProblem(form, err); }
  });
  return form;
}
