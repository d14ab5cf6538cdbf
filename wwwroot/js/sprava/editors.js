// Small editors of the service form: a list of texts (webs, e-mails, phones), checkbox groups, capacities per form.
import { el } from '../dom.js';
import { groupError, select } from './ui.js';

/** A growing list of single-line values; value() gives the non-empty ones. */
export function listEditor({ legend, values, itemLabel, addLabel, type = 'text', errorFor, autocomplete = 'off' }) {
  const list = el('ul', { class: 'list-editor-items' });
  const changed = () => list.dispatchEvent(new Event('input', { bubbles: true }));

  function add(value = '', focus = false) {
    const input = el('input', { type, value, autocomplete, spellcheck: 'false', 'aria-label': itemLabel, 'data-field': errorFor });
    const li = el('li', {}, input,
      el('button', {
        type: 'button', class: 'icon-button', text: '×', title: `Odebrat ${itemLabel.toLowerCase()}`,
        'aria-label': `Odebrat ${itemLabel.toLowerCase()} ${value}`.trim(),
        onclick: () => {
          const next = li.nextElementSibling?.querySelector('input') || li.previousElementSibling?.querySelector('input') || addButton;
          li.remove();
          changed();
          next.focus();
        },
      }));
    list.append(li);
    if (focus) input.focus();
  }

  const addButton = el('button', { type: 'button', class: 'link-button add-link', text: `+ ${addLabel}`, onclick: () => add('', true) });
  for (const v of values) add(v);
  return {
    element: el('fieldset', { class: 'list-editor' }, el('legend', { text: legend }), list, addButton, groupError(errorFor)),
    value: () => [...list.querySelectorAll('input')].map((i) => i.value.trim()).filter(Boolean),
  };
}

/** Checkboxes for code lists (target groups, age categories). */
export function checkGroup({ legend, hint, items, selected, errorFor }) {
  const chosen = new Set(selected);
  const boxes = items.map((item) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: item.code, checked: chosen.has(item.code), 'data-field': errorFor }), item.name));
  const fieldset = el('fieldset', { class: 'form-section' },
    el('legend', { text: legend }),
    hint ? el('p', { class: 'field-hint', text: hint }) : null,
    el('div', { class: 'check-grid' }, boxes),
    groupError(errorFor));
  return {
    element: fieldset,
    value: () => [...fieldset.querySelectorAll('input:checked')].map((i) => i.value),
  };
}

const FORM_NAMES = { pob: 'Pobytová forma', amb: 'Ambulantní forma', ter: 'Terénní forma' };

/** Capacity per form of provision, each with its unit (lůžka, klienti, …). */
export function capacityEditor({ forms, capacities, capacityTypes }) {
  const types = capacityTypes.map((t) => [t.code, t.name]);
  const groups = forms.map((form) => {
    const rows = el('ul', { class: 'capacity-rows' });
    const changed = () => rows.dispatchEvent(new Event('input', { bubbles: true }));
    const empty = el('p', { class: 'missing', text: 'kapacita neuvedena' });
    const syncEmpty = () => { empty.hidden = rows.children.length > 0; };

    function add(c = { type: form === 'pob' ? 'luzka' : 'klient', amount: '' }, focus = false) {
      const typeSelect = select(types, c.type, { 'aria-label': `Jednotka kapacity (${FORM_NAMES[form] || form})`, 'data-field': 'capacities' });
      const amount = el('input', {
        type: 'number', min: 0, max: 100000, step: 1, value: c.amount ?? '', inputmode: 'numeric',
        'aria-label': `Počet (${FORM_NAMES[form] || form})`, 'data-field': 'capacities',
      });
      const li = el('li', { 'data-form': form }, amount, typeSelect,
        el('button', {
          type: 'button', class: 'icon-button', text: '×', title: 'Odebrat kapacitu', 'aria-label': 'Odebrat kapacitu',
          onclick: () => { li.remove(); syncEmpty(); changed(); addButton.focus(); },
        }));
      rows.append(li);
      syncEmpty();
      if (focus) amount.focus();
    }
    const addButton = el('button', { type: 'button', class: 'link-button add-link', text: '+ Přidat kapacitu', onclick: () => add(undefined, true) });
    for (const c of capacities.filter((x) => x.form === form)) add(c);
    syncEmpty();
    return el('div', { class: 'capacity-form' }, el('p', { class: 'subhead', text: FORM_NAMES[form] || form }), rows, empty, addButton);
  });
  const fieldset = el('fieldset', { class: 'form-section' },
    el('legend', { text: 'Kapacita' }),
    el('p', { class: 'field-hint', text: 'Kapacita se uvádí pro každou formu poskytování v její jednotce; lůžka a klienty nelze sčítat.' }),
    el('div', { class: 'capacity-groups' }, groups),
    groupError('capacities'));
  return {
    element: fieldset,
    /** {value} or {error} */
    value() {
      const value = [];
      for (const li of fieldset.querySelectorAll('.capacity-rows li')) {
        const amountText = li.querySelector('input').value.trim();
        const amount = Number(amountText);
        if (amountText === '' || !Number.isInteger(amount)) return { error: 'U každé kapacity vyplňte počet jako celé číslo (nebo řádek odeberte).' };
        value.push({ form: li.dataset.form, type: li.querySelector('select').value, amount });
      }
      return { value };
    },
  };
}
