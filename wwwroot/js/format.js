// Czech number, date and unit formatting.

const numberFmt = new Intl.NumberFormat('cs-CZ', { maximumFractionDigits: 1 });
const dateFmt = new Intl.DateTimeFormat('cs-CZ', { day: 'numeric', month: 'numeric', year: 'numeric' });

export const formatNumber = (n) => (n == null || Number.isNaN(n) ? '–' : numberFmt.format(n));

const timeFmt = new Intl.DateTimeFormat('cs-CZ', { day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit' });

// A plain date "2026-12-01" is a calendar day, not UTC midnight: parsed as UTC it would move a day west of Greenwich.
const parse = (iso) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : new Date(iso);
};

export function formatDate(iso) {
  if (!iso) return null;
  const d = parse(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFmt.format(d);
}

const secondsFmt = new Intl.DateTimeFormat('cs-CZ', { day: 'numeric', month: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' });

export function formatDateTime(iso, { seconds = false } = {}) {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : (seconds ? secondsFmt : timeFmt).format(d);
}

/** Today as "YYYY-MM-DD" in local time, plus days. */
export function isoDate(plusDays = 0) {
  const d = new Date();
  d.setDate(d.getDate() + plusDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
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
  'nabídka': ['nabídka', 'nabídky', 'nabídek', 'nabídky'],
  'osoba': ['osoba', 'osoby', 'osob', 'osoby'],
  'uživatel': ['uživatel', 'uživatelé', 'uživatelů', 'uživatele'],
  'čára': ['čára', 'čáry', 'čar', 'čáry'],
  'řádek': ['řádek', 'řádky', 'řádků', 'řádku'],
  'záznam': ['záznam', 'záznamy', 'záznamů', 'záznamu'],
  'žádost': ['žádost', 'žádosti', 'žádostí', 'žádosti'],
  'znak': ['znak', 'znaky', 'znaků', 'znaku'],
  'pořadník': ['pořadník', 'pořadníky', 'pořadníků', 'pořadníku'],
  'buňka': ['buňka', 'buňky', 'buněk', 'buňky'],
};

// Intl's Czech categories: one (1), few (2–4), many (decimals), other (0, 5+).
const pluralRules = new Intl.PluralRules('cs');
const FORM_OF_CATEGORY = { one: 0, few: 1, other: 2, many: 3 };
const formIndex = (n) => FORM_OF_CATEGORY[pluralRules.select(n)] ?? 2;

/**
 * The form agreeing with n from [1, 2–4, 0 and 5+, decimals], e.g. a noun with its verb:
 * plural(3, ['osoba čeká', 'osoby čekají', 'osob čeká', 'osoby čeká']) → 'osoby čekají'.
 */
export const plural = (n, forms) => forms[formIndex(n)] ?? forms[2];

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

/** "Nalezeny 3 nabídky" */
export function found(n, head) {
  const verb = ['Nalezena', 'Nalezeny', 'Nalezeno', 'Nalezeno'][formIndex(n)];
  return `${verb} ${formatNumber(n)} ${pluralUnit(n, head)}`;
}

/** "1 volné místo", "3 volná místa", "5 volných míst" */
export function vacantPlaces(n) {
  const adjective = ['volné', 'volná', 'volných', 'volného'][formIndex(n)];
  return `${formatNumber(n)} ${adjective} ${pluralUnit(n, 'místo')}`;
}
