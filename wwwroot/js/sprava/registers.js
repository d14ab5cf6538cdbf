// "Registry" (providers): import of the waiting lists and users as CSV, and the applicants with a warning when they
// also wait elsewhere. The server turns identifying data into a code as it reads each row and keeps nothing else.
import { getJson } from '../api.js';
import { el, fill } from '../dom.js';
import { formatDate, formatNumber, plural, withUnit } from '../format.js';
import { APPLICANT_STATUS, URGENCY } from '../registers-labels.js';
import { myServices } from './services.js';
import { importBox } from './csv-import.js';
import { authed } from './session.js';
import { obceOf } from './territory.js';
import { field, select } from './ui.js';

const PAGE = 200;
const TEMPLATE_NOTE = 'Šablona má záhlaví a jeden smyšlený ukázkový řádek (služba mpsv-0000 neexistuje): nahraďte jej svými údaji. Data jsou RRRR-MM-DD nebo D.M.RRRR.';

const IMPORTS = [
  {
    id: 'zadatele',
    title: 'Pořadník žadatelů',
    url: '/api/my/registers/applicants',
    template: 'sablony/zadatele.csv',
    columns: [
      ['sluzba', 'identifikátor služby (např. mpsv-4365), jen vaše služby'],
      ['rodne_cislo', 'rodné číslo; bez něj se osoba pozná podle jména, příjmení a data narození'],
      ['jmeno, prijmeni, datum_narozeni', 'povinné, když chybí rodné číslo'],
      ['datum_zadosti', 'den podání žádosti (RRRR-MM-DD nebo D.M.RRRR)'],
      ['obec', 'šestimístný kód obce bydliště'],
      ['nepriznive_situace', 'kódy oddělené „|“: vek, zdravotni_stav, krizova_situace, zivotni_navyky, znevyhodnujici_prostredi, ohrozeni_trestnou_cinnosti, jine_zavazne_duvody'],
      ['cilova_skupina', 'kód cílové skupiny (např. 24 senioři), nepovinné'],
      ['naleharost', '1 běžná, 2 zvýšená, 3 akutní'],
      ['stav, datum_stavu', 'waiting (čeká), admitted (přijat), withdrawn (stáhl žádost), rejected (zamítnuto) a den, kdy stav nastal'],
    ],
  },
  {
    id: 'uzivatele',
    title: 'Uživatelé služeb',
    url: '/api/my/registers/users',
    template: 'sablony/uzivatele.csv',
    columns: [
      ['sluzba', 'identifikátor služby, jen vaše služby'],
      ['rodne_cislo, jmeno, prijmeni, datum_narozeni', 'jako u žadatelů'],
      ['zahajeni, ukonceni', 'začátek a konec poskytování (konec nepovinný)'],
      ['duvod_ukonceni', 'text, nepovinné'],
      ['obec', 'šestimístný kód obce bydliště'],
      ['navazujici_sluzba', 'identifikátor služby, do které uživatel po ukončení přešel (nepovinné)'],
    ],
  },
];

export async function render(main) {
  const [services, applicants] = await Promise.all([myServices(), loadApplicants()]);
  const list = el('section', { class: 'register-list', 'aria-labelledby': 'applicants-title' });
  const redraw = async () => drawApplicants(list, services, await loadApplicants());
  fill(main,
    el('h1', { text: 'Registry žadatelů a uživatelů' }),
    el('p', { class: 'lead', text: 'Pořadníky žadatelů a uživatele svých služeb nahráváte jako soubor CSV (středník jako oddělovač; kódování UTF-8, nebo Windows-1250, jak soubor uloží Excel volbou „CSV (oddělený středníkem)“), nejlépe každé čtvrtletí celý. Z nich kraj zjišťuje skutečnou, neduplicitní potřebu služeb.' }),
    el('div', { class: 'notice notice-info privacy-note' },
      el('p', {}, el('strong', { text: 'Identifikační údaje se neukládají. ' }),
        'Server z rodného čísla (nebo ze jména, příjmení a data narození) hned při čtení řádku vytvoří kód osoby a identifikační údaje zahodí. '
        + 'Stejná osoba má u všech poskytovatelů stejný kód, takže se pozná, že čeká i jinde; z kódu ji však nelze zpětně zjistit.')),
    el('div', { class: 'import-grid' }, IMPORTS.map((spec) => importBox({ ...spec, summary: counts, note: TEMPLATE_NOTE }, spec.id === 'zadatele' ? redraw : null))),
    list);
  await drawApplicants(list, services, applicants);
}

const loadApplicants = () => authed(() => getJson('/api/my/registers/applicants'));

const counts = (r) => `${formatNumber(r.created)} ${plural(r.created, ['nová', 'nové', 'nových', 'nové'])}, `
  + `${formatNumber(r.updated)} ${plural(r.updated, ['změněná', 'změněné', 'změněných', 'změněné'])}, ${formatNumber(r.unchanged)} beze změny`;

// Applicants -----------------------------------------------------------------------------------------------------

// Names of obce in the kraje of the account's places: applicants mostly live nearby; others show their code.
// (The applicants' list gives codes only; a name from the server would spare these requests.)
async function obecNames(services) {
  const details = await Promise.all(services.map((s) => authed(() => getJson(`/api/my/services/${encodeURIComponent(s.id)}`)).catch(() => null)));
  const kraje = new Set(details.flatMap((d) => d?.places || []).map((p) => p.kraj).filter(Boolean));
  const lists = await Promise.all([...kraje].map((k) => obceOf(k).catch(() => [])));
  return new Map(lists.flat().map((o) => [o.properties.code, o.properties.name]));
}

let names = null; // obec code → name, loaded once per page

async function drawApplicants(section, services, applicants) {
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  names ??= await obecNames(services);
  const serviceFilter = select([['', 'všechny služby'], ...services.map((s) => [s.id, s.name])], '');
  const statusFilter = select([['', 'všechny stavy'], ...Object.entries(APPLICANT_STATUS)], 'waiting');
  const elsewhere = el('input', { type: 'checkbox' });
  const count = el('p', { class: 'result-count', 'aria-live': 'polite' });
  const tbody = el('tbody');
  const more = el('button', { type: 'button', class: 'button-secondary', hidden: true });
  let limit = PAGE;
  // Newest applications first: the ones just imported are at the top.
  const sorted = [...applicants].sort((a, b) => b.appliedOn.localeCompare(a.appliedOn) || a.serviceId.localeCompare(b.serviceId));
  const draw = () => {
    const shown = sorted.filter((a) => (!serviceFilter.value || a.serviceId === serviceFilter.value)
      && (!statusFilter.value || a.status === statusFilter.value)
      && (!elsewhere.checked || a.alsoWaitingElsewhere > 0));
    tbody.replaceChildren(...shown.slice(0, limit).map((a) => el('tr', { 'data-id': a.id, 'data-service-id': a.serviceId },
      el('td', { text: serviceName.get(a.serviceId) || a.serviceId }),
      el('td', { class: 'mono', title: 'Kód osoby (začátek); totožnost systém nezná', text: a.personCode }),
      el('td', { class: 'nowrap', text: formatDate(a.appliedOn) }),
      el('td', { text: names.get(a.obecCode) || a.obecCode, title: `kód obce ${a.obecCode}` }),
      el('td', { text: URGENCY[a.urgency] || a.urgency }),
      el('td', {}, APPLICANT_STATUS[a.status] || a.status,
        a.status !== 'waiting' ? el('span', { class: 'muted small', text: ` od ${formatDate(a.statusOn)}` }) : null),
      el('td', {}, a.alsoWaitingElsewhere > 0
        ? el('span', { class: 'badge badge-warn badge-elsewhere', title: `Jiných služeb, na jejichž pořadníku také čeká: ${a.alsoWaitingElsewhere}`, text: `čeká i jinde (${a.alsoWaitingElsewhere})` })
        : null))));
    const waitingElsewhere = shown.filter((a) => a.alsoWaitingElsewhere > 0).length;
    count.textContent = `${withUnit(shown.length, 'žádost')}${shown.length !== sorted.length ? ` z ${formatNumber(sorted.length)}` : ''}`
      + (waitingElsewhere ? `, z toho ${formatNumber(waitingElsewhere)} ${plural(waitingElsewhere, ['čeká', 'čekají', 'čeká', 'čeká'])} i jinde` : '')
      + (shown.length > limit ? `; zobrazeno prvních ${formatNumber(limit)}` : '');
    more.hidden = shown.length <= limit;
    more.textContent = `Zobrazit dalších ${formatNumber(Math.min(PAGE, shown.length - limit))}`;
  };
  for (const c of [serviceFilter, statusFilter, elsewhere]) c.addEventListener('change', () => { limit = PAGE; draw(); });
  more.addEventListener('click', () => { limit += PAGE; draw(); });
  draw();
  fill(section,
    el('h2', { id: 'applicants-title', text: 'Žadatelé na pořadnících' }),
    el('p', { class: 'hint', text: 'Upozornění „čeká i jinde (N)“: tentýž člověk čeká i na pořadníku N jiných služeb. Kterých, systém poskytovatelům nesděluje; vidí to jen pracovníci kraje.' }),
    el('div', { class: 'toolbar register-filters' },
      field({ label: 'Služba', input: serviceFilter }),
      field({ label: 'Stav žádosti', input: statusFilter }),
      el('label', { class: 'check' }, elsewhere, 'Jen ti, kdo čekají i jinde'),
      count),
    sorted.length
      ? el('table', { class: 'data-table applicants-table' },
        el('caption', { class: 'visually-hidden', text: 'Žadatelé na pořadnících vašich služeb, nejnovější žádosti nahoře' }),
        el('thead', {}, el('tr', {},
          ['Služba', 'Kód osoby', 'Podáno', 'Obec bydliště', 'Naléhavost', 'Stav', 'Upozornění'].map((t) => el('th', { scope: 'col', text: t })))),
        tbody)
      : el('p', { class: 'notice notice-info', text: 'Zatím jste nenahráli žádný pořadník.' }),
    more);
}
