// A save refused with 409: someone else saved first. The user's input stays in the form; this box explains,
// compares it with the stored state side by side, and lets the user keep theirs or take the stored one.
import { el } from '../dom.js';
import { confirmDialog } from './ui.js';

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function cell(lines) {
  const list = [].concat(lines ?? []).filter((x) => x !== null && x !== '');
  return list.length ? el('ul', { class: 'plain' }, list.map((x) => el('li', { text: String(x) }))) : el('span', { class: 'missing', text: 'nevyplněno' });
}

/**
 * problem: the 409 problem details; mine: what the user tried to save; loadCurrent(): the stored state;
 * describe(key, value): readable lines; onKeepMine(current): save again over `current`; onTakeCurrent(): reload.
 */
export function conflictBox({ problem, mine, loadCurrent, compareKeys, names, describe, onKeepMine, onTakeCurrent }) {
  const compareArea = el('div', { class: 'conflict-compare' });
  const compareButton = el('button', { type: 'button', class: 'button-primary', text: 'Porovnat s aktuálním stavem' });
  const box = el('section', { class: 'conflict', role: 'alert', tabindex: '-1', 'aria-labelledby': 'conflict-title' },
    el('h2', { id: 'conflict-title', text: problem?.title || 'Záznam mezitím změnil někdo jiný' }),
    el('p', { text: problem?.detail || 'Vaše úpravy nebyly uloženy, ale zůstávají ve formuláři.' }),
    el('div', { class: 'button-row' },
      compareButton,
      el('button', {
        type: 'button', class: 'button-secondary', text: 'Zahodit mé úpravy a načíst aktuální stav',
        onclick: async () => {
          const ok = await confirmDialog({
            title: 'Zahodit vaše úpravy?',
            text: 'Formulář se naplní aktuálně uloženým stavem a vaše neuložené úpravy se ztratí.',
            ok: 'Zahodit a načíst',
          });
          if (ok) await onTakeCurrent();
        },
      })),
    compareArea);

  compareButton.addEventListener('click', async () => {
    compareButton.disabled = true;
    compareArea.replaceChildren(el('p', { class: 'loading', text: 'Načítám aktuální stav…' }));
    try {
      const current = await loadCurrent();
      const rows = compareKeys
        .map((key) => [key, describe(key, mine[key]), describe(key, current[key])])
        .filter(([, a, b]) => !same(a, b));
      compareArea.replaceChildren(
        rows.length
          ? el('table', { class: 'data-table compare-table' },
            el('caption', { text: 'Údaje, které se liší' }),
            el('thead', {}, el('tr', {},
              el('th', { scope: 'col', text: 'Údaj' }),
              el('th', { scope: 'col', text: 'Vaše verze (neuložená)' }),
              el('th', { scope: 'col', text: 'Aktuálně uloženo' }))),
            el('tbody', {}, rows.map(([key, a, b]) => el('tr', {},
              el('th', { scope: 'row', text: names[key] || key }), el('td', {}, cell(a)), el('td', {}, cell(b))))))
          : el('p', { text: 'Vaše verze se od uložené neliší – někdo mezitím uložil tytéž údaje.' }),
        el('div', { class: 'button-row' },
          el('button', {
            type: 'button', class: 'button-primary', text: 'Uložit moje úpravy přes aktuální stav',
            onclick: () => onKeepMine(current),
          })));
    } catch (err) {
      compareArea.replaceChildren(el('p', { class: 'field-error', text: `Aktuální stav se nepodařilo načíst: ${err.message}` }));
    } finally {
      compareButton.disabled = false;
    }
  });
  return box;
}
