// Czech number, date and unit formatting.

const numberFmt = new Intl.NumberFormat('cs-CZ', { maximumFractionDigits: 1 });
const dateFmt = new Intl.DateTimeFormat('cs-CZ', { day: 'numeric', month: 'numeric', year: 'numeric' });

export const formatNumber = (n) => (n == null || Number.isNaN(n) ? '–' : numberFmt.format(n));

export function formatDate(iso) {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

// Forms of the head word: [1, 2–4, 0 and 5+, decimals (genitive singular)].
const FORMS = {
  'lůžko': ['lůžko', 'lůžka', 'lůžek', 'lůžka'],
  'klient': ['klient', 'klienti', 'klientů', 'klienta'],
  'kontakt': ['kontakt', 'kontakty', 'kontaktů', 'kontaktu'],
  'intervence': ['intervence', 'intervence', 'intervencí', 'intervence'],
  'hovor': ['hovor', 'hovory', 'hovorů', 'hovoru'],
  'místo': ['místo', 'místa', 'míst', 'místa'],
  'služba': ['služba', 'služby', 'služeb', 'služby'],
  'obyvatel': ['obyvatel', 'obyvatelé', 'obyvatel', 'obyvatele'],
  'obec': ['obec', 'obce', 'obcí', 'obce'],
};

function formIndex(n) {
  if (!Number.isInteger(n)) return 3;
  if (n === 1) return 0;
  if (n >= 2 && n <= 4) return 1;
  return 2;
}

/** "lůžko" → "lůžek" for 40; keeps a qualifier such as "(10 min. jednání)". */
export function pluralUnit(n, unit) {
  if (!unit) return '';
  const [head, ...rest] = unit.split(' ');
  const forms = FORMS[head.toLowerCase()];
  if (!forms) return unit;
  return [forms[formIndex(n)], ...rest].join(' ');
}

export const withUnit = (n, unit) => `${formatNumber(n)} ${pluralUnit(n, unit)}`.trim();

/** "Nalezeno 5 služeb" with the verb agreeing with the number. */
export function foundServices(n) {
  const verb = ['Nalezena', 'Nalezeny', 'Nalezeno', 'Nalezeno'][formIndex(n)];
  return `${verb} ${formatNumber(n)} ${pluralUnit(n, 'služba')}`;
}
