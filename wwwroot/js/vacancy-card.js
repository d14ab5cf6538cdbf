// The card of one vacancy (nabídka volného místa): every published field and a clear way to contact the provider.
import { el } from './dom.js';
import { formatDate, formatDateTime, isoDate, vacantPlaces } from './format.js';

const missing = (text = 'neuvedeno') => el('span', { class: 'missing', text });
const row = (label, value) => [el('dt', { text: label }), el('dd', {}, value)];

export function floorText(floor) {
  if (floor == null) return null;
  if (floor === 0) return 'přízemí';
  return floor > 0 ? `${floor}. patro` : `${-floor}. podzemní podlaží`;
}

export function availableText(from) {
  return !from || from <= isoDate() ? 'volné ihned' : `volné od ${formatDate(from)}`;
}

const telHref = (t) => `tel:${t.replace(/[^\d+]/g, '')}`;

function contactHref(p) {
  if (p.contactEmail) {
    const subject = `Volné místo – ${p.serviceName || p.facilityName || ''}`.trim();
    const body = `Dobrý den,\n\nzajímám se o volné místo (${vacantPlaces(p.places)}, ${availableText(p.availableFrom)}), `
      + `zveřejněné v mapě KISSoS${p.facilityName ? ` pro ${p.facilityName}` : ''}.\n\n`;
    return `mailto:${p.contactEmail}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  }
  return p.contactPhone ? telHref(p.contactPhone) : null;
}

function contactBlock(p) {
  const href = contactHref(p);
  return el('section', { class: 'vac-contact', 'aria-label': 'Kontakt na poskytovatele' },
    el('h4', { text: 'Kontakt' }),
    el('p', { class: 'vac-contact-name', text: p.contactName || 'kontaktní osoba neuvedena' }),
    el('ul', { class: 'plain' },
      p.contactPhone ? el('li', {}, 'tel. ', el('a', { href: telHref(p.contactPhone), text: p.contactPhone })) : null,
      p.contactEmail ? el('li', {}, el('a', { href: `mailto:${p.contactEmail}`, text: p.contactEmail })) : null),
    href ? el('a', { class: 'button-primary vac-contact-button', href, text: 'Kontaktovat poskytovatele' }) : null);
}

/** onServiceCard(feature) shows the registry card of the service the vacancy belongs to. */
export function vacancyCard(feature, { onServiceCard } = {}) {
  const p = feature.properties;
  const facility = p.facilityName && p.facilityName !== p.serviceName ? p.facilityName : null;
  return el('article', { class: 'card vac-card card-box', tabindex: '-1', 'data-vacancy-id': p.id },
    el('p', { class: 'card-druh', text: `Volné místo · ${p.druhName || 'druh neuveden'}` }),
    el('h3', { class: 'card-title', text: p.serviceName || 'Služba bez názvu' }),
    facility ? el('p', { class: 'card-facility', text: facility }) : null,
    el('p', { class: 'vac-headline' },
      el('strong', { text: vacantPlaces(p.places) }),
      el('span', { text: ` · ${availableText(p.availableFrom)}` })),
    el('p', { class: 'vac-valid', text: `Nabídka platí do ${formatDate(p.validUntil)}` }),
    p.description ? el('p', { class: 'card-desc vac-desc', text: p.description }) : null,
    // The contact comes before the details: it is what the reader came for.
    contactBlock(p),
    el('dl', { class: 'card-fields' },
      row('Poskytovatel', el('span', {},
        el('span', { class: 'card-provider', text: p.providerName || 'neuvedeno' }),
        p.ico ? [el('br'), `IČO: ${p.ico}`] : null)),
      row('Místo', [facility, p.obec].filter(Boolean).join(', ') || missing()),
      row('Cílová skupina', p.targetGroupName || el('span', { class: 'missing', text: 'kterákoli cílová skupina služby' })),
      row('Bezbariérovost', p.barrierFree ? el('span', { class: 'yes', text: 'bezbariérové' }) : 'není bezbariérové'),
      row('Podlaží', floorText(p.floor) || missing()),
      row('Výtah', p.lift === true ? 'ano' : p.lift === false ? 'ne' : missing()),
      p.barrierNote ? row('Bariéry', p.barrierNote) : null,
      row('Zveřejněno', formatDateTime(p.publishedAt)),
      p.updatedAt && p.updatedAt !== p.publishedAt ? row('Aktualizováno', formatDateTime(p.updatedAt)) : null),
    onServiceCard
      ? el('button', { type: 'button', class: 'link-button vac-service-link', text: 'Zobrazit kartu služby', onclick: () => onServiceCard(feature) })
      : null);
}
