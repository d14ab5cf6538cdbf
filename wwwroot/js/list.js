// The result list beside the map: one item per service at a place, same data as the markers.
import { el } from './dom.js';
import { foundServices, formatNumber, pluralUnit } from './format.js';

const ul = () => document.getElementById('results-list');

export function renderList(features, { onActivate, hasLocation }) {
  const sorted = [...features].sort((a, b) =>
    (a.properties.serviceName || '').localeCompare(b.properties.serviceName || '', 'cs')
    || (a.properties.obec || '').localeCompare(b.properties.obec || '', 'cs'));
  ul().replaceChildren(...sorted.map((f) => {
    const p = f.properties;
    const located = hasLocation(f);
    const facility = p.name && p.name !== p.serviceName ? p.name : null;
    return el('li', { 'data-id': f.id, 'data-service-id': p.serviceId, 'data-druh': p.druh },
      el('button', { type: 'button', class: 'result', onclick: (e) => onActivate(f, e.currentTarget) },
        el('span', { class: 'result-name', text: p.serviceName || p.name || 'Služba bez názvu' }),
        facility ? el('span', { class: 'result-facility', text: facility }) : null,
        el('span', { class: 'result-druh', text: p.druhName || '' }),
        el('span', { class: 'result-provider', text: p.providerName || 'poskytovatel neuveden' }),
        p.placeless
          // Listed in the obec of its contact address: the registry gives no place where it is provided.
          ? el('span', { class: 'result-place' },
            `${p.obec} (kontaktní adresa)`, el('span', { class: 'badge badge-placeless', text: 'bez místa poskytování' }))
          : el('span', { class: 'result-place' },
            p.address || p.obec || 'adresa neuvedena',
            located ? null : el('span', { class: 'badge', text: 'bez polohy' }))));
  }));
  const services = new Set(features.map((f) => f.properties.serviceId)).size;
  const places = features.filter((f) => !f.properties.placeless).length;
  document.getElementById('result-count').textContent = services === features.length
    ? foundServices(services)
    : `${foundServices(services)} (${formatNumber(places)} ${pluralUnit(places, 'místo')} poskytování)`;
  document.getElementById('results-empty').hidden = features.length > 0;
}

export function setActive(id) {
  for (const li of ul().children) {
    const on = id != null && li.dataset.id === String(id);
    const b = li.querySelector('button');
    if (on) b.setAttribute('aria-current', 'true'); else b.removeAttribute('aria-current');
    if (on) li.scrollIntoView({ block: 'nearest' });
  }
}

// Arrow keys move between items, so a keyboard user need not tab through the whole list.
export function initListKeys() {
  ul().addEventListener('keydown', (e) => {
    const buttons = [...ul().querySelectorAll('button.result')];
    const i = buttons.indexOf(document.activeElement);
    if (i < 0) return;
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (next == null) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, next))].focus();
  });
}
