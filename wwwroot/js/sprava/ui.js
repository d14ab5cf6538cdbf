// Form building blocks of the management page: labelled fields, Czech validation messages, error summary, dialogs.
import { ApiError, problemText } from '../api.js';
import { el } from '../dom.js';

let uid = 0;
export const nextId = (prefix) => `${prefix}-${++uid}`;

const requiredMark = () => el('span', { class: 'required', 'aria-hidden': 'true', text: ' *' });

/**
 * A labelled field. `errorFor` names the server's error key shown under it; the input gets its label, hint and
 * error by aria-describedby.
 */
export function field({ label, input, required = false, hint, errorFor, className }) {
  input.id ||= nextId('f');
  if (required) {
    input.required = true;
    input.setAttribute('aria-required', 'true');
  }
  // Every field has an error slot: the server's key when it has one, else the input's id (for browser checks).
  const key = errorFor || input.id;
  const hintEl = hint ? el('p', { class: 'field-hint', id: `${input.id}-hint`, text: hint }) : null;
  const errorEl = el('p', { class: 'field-error', id: `${input.id}-error`, 'data-error-for': key, hidden: true });
  input.setAttribute('aria-describedby', [hintEl?.id, errorEl.id].filter(Boolean).join(' '));
  input.dataset.field = key;
  return el('div', { class: `field ${className || ''}`.trim() },
    el('label', { for: input.id }, label, required ? requiredMark() : null),
    input, hintEl, errorEl);
}

/** An error slot for a group (fieldset) rather than one input. */
export const groupError = (errorFor) => el('p', { class: 'field-error', 'data-error-for': errorFor, hidden: true });

export const legend = (text, required = false) => el('legend', {}, text, required ? requiredMark() : null);

export function checkbox({ label, checked = false, value, name, hint }) {
  const input = el('input', { type: 'checkbox', checked, value, name });
  return el('label', { class: 'check', title: hint || null }, input, label);
}

export function select(options, value, attrs = {}) {
  const s = el('select', attrs, options.map(([v, t, extra]) => el('option', { value: v, text: t, ...(extra || {}) })));
  if (value != null) s.value = value;
  return s;
}

/** Replaces a select's options and chooses `value` (the first option when it is not among them). */
export function setOptions(selectEl, options, value = '') {
  selectEl.replaceChildren(...options.map(([v, t]) => el('option', { value: v, text: t })));
  selectEl.value = value;
  if (selectEl.value !== value) selectEl.selectedIndex = 0;
}

// Errors -------------------------------------------------------------------------------------------------------

export function clearErrors(form) {
  for (const p of form.querySelectorAll('[data-error-for]')) { p.hidden = true; p.textContent = ''; }
  for (const i of form.querySelectorAll('[aria-invalid="true"]')) i.removeAttribute('aria-invalid');
  form.querySelector('.error-summary')?.remove();
}

// The error's slot, and its field: of several fields under one key (a list of e-mails), the one whose value the
// server's message quotes.
const labelOf = (form, key, text) => {
  const slot = form.querySelector(`[data-error-for="${CSS.escape(key)}"]`);
  const all = [...form.querySelectorAll(`[data-field="${CSS.escape(key)}"]`)];
  const target = all.find((t) => t.value && text.includes(`'${t.value}'`)) || all[0] || form.querySelector(`#${CSS.escape(key)}`);
  return { slot, target };
};

/**
 * Shows errors {key: [messages]} next to their fields and in a summary at the top of the form, which gets focus.
 * `names` gives readable names for keys without a field of their own.
 */
export function showErrors(form, errors, { title = 'Formulář obsahuje chyby', names = {} } = {}) {
  clearErrors(form);
  const items = [];
  for (const [key, messages] of Object.entries(errors)) {
    const text = [].concat(messages).join(' ');
    const { slot, target } = labelOf(form, key, text);
    if (slot) {
      slot.textContent = text;
      slot.hidden = false;
    }
    const control = target?.matches('input, select, textarea') ? target : null;
    control?.setAttribute('aria-invalid', 'true');
    const focusable = control || (target || slot?.closest('fieldset'))?.querySelector('input, select, textarea, button');
    items.push(el('li', {},
      focusable
        ? el('a', { href: '#', text, onclick: (e) => { e.preventDefault(); focusable.focus(); } })
        : `${names[key] ? `${names[key]}: ` : ''}${text}`));
  }
  const summary = el('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    el('h2', { text: title }), el('ul', {}, items));
  form.prepend(summary);
  summary.focus();
  return summary;
}

/** Server problem → field errors when it has them, else a message in the summary. */
export function showProblem(form, err, options = {}) {
  if (err instanceof ApiError && err.problem?.errors) {
    return showErrors(form, err.problem.errors, { ...options, title: err.problem.title || options.title });
  }
  clearErrors(form);
  const summary = el('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    el('h2', { text: err instanceof ApiError ? err.problem?.title || 'Akce se nezdařila' : 'Server je nedostupný' }),
    el('p', { text: err instanceof ApiError ? err.problem?.detail || problemText(err) : problemText(err) }));
  form.prepend(summary);
  summary.focus();
  return summary;
}

/** Required fields checked in the browser first, with Czech messages (the forms use novalidate). */
export function checkRequired(form) {
  const errors = {};
  for (const input of form.querySelectorAll('[required]')) {
    if (input.closest('[hidden]')) continue;
    const empty = input.type === 'checkbox' ? !input.checked : !String(input.value).trim();
    if (!empty) continue;
    const key = input.dataset.field || input.id;
    const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.firstChild?.textContent?.trim() || 'Údaj';
    errors[key] = [`${label}: vyplňte prosím.`];
  }
  return errors;
}

// Notices and dialogs ----------------------------------------------------------------------------------------

export function notice(text, kind = 'ok', ...extra) {
  return el('div', { class: `notice notice-${kind}`, role: kind === 'ok' ? 'status' : 'alert', tabindex: '-1' }, el('p', { text }), ...extra);
}

/** A modal confirmation; resolves true when the user confirms. */
export function confirmDialog({ title, text, ok }) {
  const dialog = document.getElementById('confirm-dialog');
  dialog.querySelector('.confirm-title').textContent = title;
  dialog.querySelector('.confirm-text').textContent = text;
  const okButton = dialog.querySelector('.confirm-ok');
  okButton.textContent = ok;
  const returnTo = document.activeElement;
  return new Promise((resolve) => {
    const done = (value) => {
      okButton.onclick = null;
      dialog.querySelector('.confirm-cancel').onclick = null;
      dialog.onclose = null;
      if (dialog.open) dialog.close();
      returnTo?.isConnected && returnTo.focus();
      resolve(value);
    };
    okButton.onclick = () => done(true);
    dialog.querySelector('.confirm-cancel').onclick = () => done(false);
    dialog.onclose = () => done(false);
    dialog.showModal();
    dialog.querySelector('.confirm-cancel').focus();
  });
}

/** Watches a form for unsaved changes. */
export function trackDirty(form) {
  const state = { dirty: false };
  const mark = () => { state.dirty = true; };
  form.addEventListener('input', mark);
  form.addEventListener('change', mark);
  return state;
}
