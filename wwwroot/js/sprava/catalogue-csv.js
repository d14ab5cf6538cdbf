// "Katalog (CSV)" (regional staff, administrators): export and import of the catalogue's providers and services in the
// CSV of the command line (README, "CSV"). Regional staff change only what has a place in their kraj.
import { el, fill } from '../dom.js';
import { formatNumber, plural } from '../format.js';
import { importBox } from './csv-import.js';
import { hasRole } from '../account.js';
import { session } from './session.js';

const LISTS = 'seznamy se oddělují svislou čarou „|“';

const IMPORTS = [
  {
    id: 'sluzby',
    title: 'Služby',
    url: '/api/staff/catalogue/services.csv',
    download: { href: '/api/staff/catalogue/services.csv', text: 'Stáhnout služby (CSV)' },
    columns: [
      ['id', 'identifikátor služby v KISSoS (např. mpsv-4365); měnit lze jen služby s místem poskytování ve vašem kraji'],
      ['identifikator, nazev', 'identifikátor v registru poskytovatelů (nepovinný) a název služby'],
      ['ico', 'IČO poskytovatele, který už je v katalogu'],
      ['druh, formy', `kód druhu služby a kódy forem (pob, amb, ter); ${LISTS}`],
      ['kapacity', 'forma:typ=počet, např. pob:luzka=40|amb:klient=10'],
      ['cilove_skupiny, vekove_kategorie', `kódy z číselníků; ${LISTS}`],
      ['v_siti_kraje', 'ano, ne nebo prázdné'],
      ['platnost_od, platnost_do', 'RRRR-MM-DD nebo D.M.RRRR'],
      ['popis, weby, emaily, telefony', `text; kontakty jako ${LISTS}`],
      ['pusobnost_obce, pusobnost_orp', 'kódy obcí (6 číslic) a ORP (4 číslice) územní působnosti'],
    ],
  },
  {
    id: 'poskytovatele',
    title: 'Poskytovatelé',
    url: '/api/staff/catalogue/providers.csv',
    download: { href: '/api/staff/catalogue/providers.csv', text: 'Stáhnout poskytovatele (CSV)' },
    columns: [
      ['ico', 'IČO (8 číslic); měnit lze jen poskytovatele se službou ve vašem kraji'],
      ['nazev, pravni_forma', 'název a právní forma'],
      ['web, email, telefon', 'kontakty poskytovatele'],
    ],
  },
];

const NOTE = 'Stažený soubor má stejné sloupce, jaké import čte: upravte jej v Excelu a nahrajte zpět. Nové služby a poskytovatele zakládá správce systému nebo obnova z registru.';

const summary = (r) => `${formatNumber(r.created)} ${plural(r.created, ['nový', 'nové', 'nových', 'nové'])}, `
  + `${formatNumber(r.updated)} ${plural(r.updated, ['aktualizovaný', 'aktualizované', 'aktualizovaných', 'aktualizované'])}`;

export async function render(main) {
  const admin = hasRole(session.account, 'admin');
  fill(main,
    el('h1', { text: 'Katalog služeb v CSV' }),
    el('p', {
      class: 'lead',
      text: `Služby a poskytovatele ${admin ? 'celého katalogu' : 'svého kraje'} si stáhnete jako soubor CSV (středník jako oddělovač, UTF-8; `
        + 'nahrát lze i Windows-1250, jak soubor uloží Excel volbou „CSV (oddělený středníkem)“), upravíte a nahrajete zpět. '
        + 'Nahrání je „vše, nebo nic“: při jediné chybě se neuloží nic a uvidíte každý chybný řádek.',
    }),
    el('div', { class: 'import-grid' }, IMPORTS.map((spec) => importBox({ ...spec, summary, note: NOTE }))));
}
