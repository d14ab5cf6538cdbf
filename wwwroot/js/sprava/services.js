// "Moje služby": the services the account keeps, and the edit form of one of them (#sluzby/{id}).
import { getJson } from '../api.js';
import { el, fill } from '../dom.js';
import { formatNumber, pluralUnit } from '../format.js';
import { renderServiceForm } from './service-form.js';
import { authed } from './session.js';

const FORM_NAMES = { pob: 'pobytová', amb: 'ambulantní', ter: 'terénní' };

export const myServices = () => authed(() => getJson('/api/my/services'));

export async function render(main, ctx) {
  if (ctx.path[0]) {
    await renderServiceForm(main, ctx.path[0], ctx);
    return;
  }
  const list = await myServices();
  const filter = el('input', { type: 'search', id: 'services-filter', placeholder: 'název, druh, IČO nebo místo', autocomplete: 'off' });
  const tbody = el('tbody');
  const count = el('p', { class: 'result-count', 'aria-live': 'polite' });
  const draw = () => {
    const q = filter.value.trim().toLocaleLowerCase('cs');
    const shown = list.filter((s) => !q || [s.name, s.druhName, s.providerIco, s.id, ...s.places.map((p) => p.facilityName)]
      .some((t) => (t || '').toLocaleLowerCase('cs').includes(q)));
    tbody.replaceChildren(...shown.map((s) => el('tr', { 'data-service-id': s.id },
      el('td', {}, el('a', { href: `#sluzby/${encodeURIComponent(s.id)}`, class: 'row-link', text: s.name })),
      el('td', { text: s.druhName }),
      el('td', { text: s.forms.map((f) => FORM_NAMES[f] || f).join(', ') }),
      el('td', {},
        el('div', { text: `${formatNumber(s.places.length)} ${pluralUnit(s.places.length, 'místo')}` }),
        // The registry mostly repeats the service's name for the facility; only other names tell something.
        [...new Set(s.places.map((p) => p.facilityName))].filter((n) => n && n !== s.name)
          .map((n) => el('div', { class: 'muted small', text: n }))),
      el('td', { class: 'nowrap', text: s.providerIco }))));
    count.textContent = `${formatNumber(shown.length)} ${pluralUnit(shown.length, 'služba')}`
      + (shown.length !== list.length ? ` z ${formatNumber(list.length)}` : '');
  };
  filter.addEventListener('input', draw);
  draw();
  fill(main, 
    el('h1', { text: 'Moje služby' }),
    el('p', { class: 'lead', text: 'Služby, jejichž údaje spravujete. Název, druh a formy poskytování jsou převzaty z registru poskytovatelů; kontakty, popis, kapacitu, cílové skupiny, místa a územní působnost upravujete zde.' }),
    list.length
      ? [
        el('div', { class: 'toolbar' },
          el('div', { class: 'field field-grow' }, el('label', { for: 'services-filter', text: 'Hledat ve službách' }), filter),
          count),
        el('table', { class: 'data-table' },
          el('thead', {}, el('tr', {},
            el('th', { scope: 'col', text: 'Služba' }), el('th', { scope: 'col', text: 'Druh' }),
            el('th', { scope: 'col', text: 'Formy' }), el('th', { scope: 'col', text: 'Místa poskytování' }),
            el('th', { scope: 'col', text: 'IČO' }))),
          tbody),
      ]
      : el('p', { class: 'notice notice-info', text: 'K vašemu účtu nepatří žádná služba. Pokud to není správně, obraťte se na správce systému.' }));
}
