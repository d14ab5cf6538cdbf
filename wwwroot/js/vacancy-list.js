// The list of vacancies beside the map; the same data as the vacancy markers, redrawn on every live change.
import { el } from './dom.js';
import { formatDate, found, vacantPlaces } from './format.js';
import { availableText } from './vacancy-card.js';

const ul = () => document.getElementById('results-list');

// Soonest available first; among equals the one published last.
const order = (a, b) => (a.properties.availableFrom || '').localeCompare(b.properties.availableFrom || '')
  || (b.properties.publishedAt || '').localeCompare(a.properties.publishedAt || '');

export function renderVacancyList(features, { onActivate, hasLocation, activeId, fresh = new Set() }) {
  // A redraw must not throw the keyboard user out of the list.
  const focusedId = document.activeElement?.closest?.('#results-list > li')?.dataset.id;
  const sorted = [...features].sort(order);
  ul().replaceChildren(...sorted.map((f) => {
    const p = f.properties;
    const id = String(f.id);
    const facility = p.facilityName && p.facilityName !== p.serviceName ? p.facilityName : null;
    return el('li', { 'data-id': id, 'data-service-id': p.serviceId, 'data-druh': p.druh, class: fresh.has(id) ? 'is-fresh' : null },
      el('button', { type: 'button', class: 'result vac-result', 'aria-current': id === activeId ? 'true' : null, onclick: (e) => onActivate(f, e.currentTarget) },
        el('span', { class: 'vac-result-head' },
          el('span', { class: 'vac-count', text: vacantPlaces(p.places) }),
          el('span', { class: 'vac-when', text: availableText(p.availableFrom) })),
        el('span', { class: 'result-name', text: p.serviceName || 'Služba bez názvu' }),
        facility ? el('span', { class: 'result-facility', text: facility }) : null,
        el('span', { class: 'vac-result-desc', text: p.description || '' }),
        el('span', { class: 'result-place' },
          [p.obec, p.druhName].filter(Boolean).join(' · '),
          p.barrierFree ? el('span', { class: 'badge badge-ok', text: 'bezbariérové' }) : null,
          p.targetGroupName ? el('span', { class: 'badge', text: p.targetGroupName }) : null,
          hasLocation(f) ? null : el('span', { class: 'badge', text: 'bez polohy' })),
        el('span', { class: 'vac-valid-until', text: `platí do ${formatDate(p.validUntil)}` })));
  }));
  if (focusedId) ul().querySelector(`li[data-id="${CSS.escape(focusedId)}"] button`)?.focus({ preventScroll: true });
  const places = features.reduce((n, f) => n + (f.properties.places || 0), 0);
  document.getElementById('result-count').textContent = features.length
    ? `${found(features.length, 'nabídka')} (${vacantPlaces(places)})`
    : found(0, 'nabídka');
  const empty = document.getElementById('results-empty');
  empty.textContent = 'Filtru neodpovídá žádné volné místo. Zkuste filtr zmírnit nebo se podívejte později – nabídky se zde objeví hned po zveřejnění.';
  empty.hidden = features.length > 0;
}

/** The service view's wording of the empty list, restored when the user switches back. */
export function restoreServiceEmptyText() {
  document.getElementById('results-empty').textContent = 'Filtru neodpovídá žádná služba. Zkuste filtr zmírnit.';
}
