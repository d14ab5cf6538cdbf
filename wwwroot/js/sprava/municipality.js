// Municipality accounts: their own module (needs of the obec's inhabitants) comes in a later release.
import { el, fill } from '../dom.js';
import { session } from './session.js';

export function render(main) {
  const obec = session.account?.obec;
  fill(main, 
    el('h1', { text: 'Vítejte v KISSoS' }),
    el('section', { class: 'panel-box' },
      el('p', { class: 'lead', text: 'Účet obce je připraven.' }),
      el('p', {}, 'Modul pro obce – zjišťování a vykazování potřeb sociálních služeb v obci – připravujeme a bude zpřístupněn v některé z dalších verzí systému. ',
        obec ? `Váš účet je vázán na obec s kódem ${obec}.` : ''),
      el('p', {}, 'Do té doby můžete používat veřejnou ',
        el('a', { href: './', text: 'mapu sociálních služeb' }), ' a přehled ',
        el('a', { href: './?vrstva=volna-mista', text: 'volných míst v pobytových službách' }), '.')));
}
