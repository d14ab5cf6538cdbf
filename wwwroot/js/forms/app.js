// Formuláře (Rozpočet a vyúčtování): the provider's forms by year and term, one form as grids with checks as they
// type, hand-in by the statutory representative, XLSX round trip; regional staff's overview of their kraj with
// return, approve, reopen and exceptions; ?tisk=1 is the printable view of a whole form.
import { currentAccount, hasRole } from '../account.js';
import { ApiError, getJson, hideError, problemText, send, sendXlsx, showError } from '../api.js';
import { el, fill, setReady } from '../dom.js';
import { withUnit } from '../format.js';
import { renderAccountNav } from '../page-header.js';
import { renderLogin } from '../sprava/login.js';
import { session } from '../sprava/session.js';
import { conflictBox } from '../sprava/conflict.js';
import { confirmDialog, notice, select } from '../sprava/ui.js';
import { OBEC, ORP, applies, renderSets } from './grid.js';
import { staffSettings } from './settings.js';
import { staffSums } from './sums.js';

const $ = (id) => document.getElementById(id);
const enc = encodeURIComponent;
const params = new URLSearchParams(location.search);
const date = (iso) => (iso ? new Date(iso.length === 10 ? `${iso}T00:00:00` : iso).toLocaleDateString('cs-CZ') : '');
const dateTime = (iso) => (iso ? new Date(iso).toLocaleString('cs-CZ') : '');
const money = (n) => (n == null ? '' : `${Number(n).toLocaleString('cs-CZ', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} Kč`);
const isStaff = () => hasRole(session.account, 'regional', 'admin');
const formUrl = (id) => (isStaff() ? `/api/forms/${id}` : `/api/my/forms/${id}`);
const thisYear = new Date().getFullYear();
const years = [thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => [String(y), String(y)]);
const FAMILIES = [['rozpocet-a-vyuctovani', 'Rozpočet a vyúčtování'], ['vykaz-skutecnost', 'Výkaz skutečnost (Moje výkazy)']];
const family = params.get('rodina') || FAMILIES[0][0];
const familyName = FAMILIES.find(([code]) => code === family)?.[1] || family;
const STATES = [['', 'všechny stavy'], ['nezalozeno', 'nezaloženo'], ['rozpracovano', 'rozpracováno'],
  ['ke_schvaleni', 'ke schválení krajem'], ['vraceno', 'vráceno k přepracování'], ['schvaleno', 'schváleno']];

function table(headers, rows) {
  return el('table', { class: 'data-table forms-table' },
    el('thead', {}, el('tr', {}, headers.map((h) => (typeof h === 'string' ? el('th', { scope: 'col', text: h }) : h)))),
    el('tbody', {}, rows));
}

/** Who handed the form in and when, from its history of states. */
const signedBy = (view) => view.history.filter((h) => h.action === 'predani').at(-1);

// Provider: the forms of the account's services ------------------------------------------------------------------

async function providerList() {
  const year = params.get('rok') || String(thisYear);
  const yearSelect = select(years, year, { id: 'forms-year' });
  const familySelect = select(FAMILIES, family, { id: 'forms-family' });
  const go = () => { location.search = `?rok=${yearSelect.value}&rodina=${familySelect.value}`; };
  yearSelect.addEventListener('change', go);
  familySelect.addEventListener('change', go);
  const list = await getJson(`/api/my/forms?year=${enc(year)}&family=${enc(family)}`);
  const open = async (f) => {
    if (f.formId) { location.search = `?id=${f.formId}`; return; }
    try {
      const created = await send('POST', '/api/my/forms', { serviceId: f.serviceId, year: f.year, term: f.term, family });
      location.search = `?id=${created.id}`;
    } catch (err) { showError(err); }
  };
  fill($('main'), el('h1', { text: family === 'vykaz-skutecnost' ? 'Moje výkazy – Výkazy k zadání' : familyName }),
    el('p', {}, el('label', { for: 'forms-family', text: 'Formulář ' }), familySelect, ' ', el('label', { for: 'forms-year', text: 'Rok ' }), yearSelect),
    list.length === 0
      ? el('p', { class: 'home-empty', text: `Žádná vaše služba není v roce ${year} v síti sociálních služeb kraje.` })
      : table(['Služba', 'Termín', 'Lhůta', 'Stav', 'Poslední změna', ''], list.map((f) => el('tr', { 'data-service': f.serviceId, 'data-term': String(f.term) },
        el('td', { text: f.serviceName }), el('td', { text: `${f.term}. ${f.termName}` }), el('td', { text: date(f.dueTo) }),
        el('td', { text: f.formId ? stateLabel(f.state) : 'nezaloženo' }), el('td', { text: dateTime(f.updatedAt) }),
        el('td', {}, el('button', { type: 'button', class: 'button-secondary', text: f.formId ? 'Otevřít' : 'Založit', onclick: () => open(f) }))))));
}

const stateLabel = (code) => STATES.find(([v]) => v === code)?.[1] || code;

// Staff: the overview of the kraj's forms of a term ----------------------------------------------------------------

async function staffOverview() {
  const q = {
    year: params.get('rok') || String(thisYear), term: params.get('termin') || (family === 'vykaz-skutecnost' ? '3' : '1'), state: params.get('stav') || '',
    q: params.get('hledat') || '', sort: params.get('razeni') || 'service', kraj: params.get('kraj') || '', family,
  };
  const controls = el('form', { class: 'forms-filter' },
    el('label', {}, 'Formulář ', select(FAMILIES, q.family, { name: 'rodina' })),
    el('label', {}, 'Rok ', select(years, q.year, { name: 'rok' })),
    el('label', {}, 'Termín ', select([1, 2, 3, 4].map((t) => [String(t), `${t}.`]), q.term, { name: 'termin' })),
    el('label', {}, 'Stav ', select(STATES, q.state, { name: 'stav' })),
    el('label', {}, 'Hledat ', el('input', { type: 'search', name: 'hledat', value: q.q, placeholder: 'služba, poskytovatel, IČO' })),
    hasRole(session.account, 'admin') ? el('label', {}, 'Kraj ', select([['CZ071', 'Olomoucký'], ['CZ072', 'Zlínský']], q.kraj || 'CZ072', { name: 'kraj' })) : null,
    el('input', { type: 'hidden', name: 'razeni', value: q.sort }),
    el('button', { type: 'submit', class: 'button-primary', text: 'Zobrazit' }));
  const data = await getJson(`/api/forms?${new URLSearchParams(Object.entries({
    year: q.year, term: q.term, state: q.state, q: q.q, sort: q.sort, family: q.family, kraj: hasRole(session.account, 'admin') ? (q.kraj || 'CZ072') : '',
  }).filter(([, v]) => v))}`);
  const kraj = hasRole(session.account, 'admin') ? (q.kraj || 'CZ072') : '';
  const exportUrl = (format, term = q.term) => `/api/forms/export?${new URLSearchParams(Object.entries({
    year: q.year, term, family: q.family, format, kraj,
  }).filter(([, v]) => v))}`;
  const sortHeader = (label, key) => {
    const next = q.sort === key ? `-${key}` : key;
    const mark = q.sort === key ? ' ▲' : q.sort === `-${key}` ? ' ▼' : '';
    const p = new URLSearchParams(location.search); p.set('razeni', next); p.delete('id');
    return el('th', { scope: 'col', 'aria-sort': mark ? (mark === ' ▲' ? 'ascending' : 'descending') : null }, el('a', { href: `?${p}`, text: label + mark }));
  };
  fill($('main'), el('h1', { text: `${familyName} – přehled formulářů kraje` }), controls,
    el('p', { class: 'forms-summary', text: `${data.count} služeb v síti · lhůta ${date(data.dueTo)} · náklady celkem ${money(data.totals.naklady)} · výnosy celkem ${money(data.totals.vynosy)}` }),
    el('p', {}, el('a', { href: `?nastaveni=1&rok=${q.year}${q.kraj ? `&kraj=${q.kraj}` : ''}`, text: 'Nastavení: termíny, síť a šablony' }),
      ' · ', el('a', { href: `?souhrn=1&rok=${q.year}&rodina=${q.family}&termin=${q.term}${kraj ? `&kraj=${kraj}` : ''}`, text: 'Souhrny podle druhu a ORP' })),
    el('p', { class: 'button-row' }, 'Všechny formuláře termínu v jedné tabulce (řádek = buňka formuláře): ',
      el('a', { class: 'button-secondary', href: exportUrl('xlsx'), download: '', text: 'Stáhnout XLSX' }),
      el('a', { class: 'button-secondary', href: exportUrl('csv'), download: '', text: 'Stáhnout CSV' })),
    el('p', { class: 'button-row' }, `Všechny sady všech formulářů roku ${q.year} (všechny termíny): `,
      el('a', { class: 'button-secondary', href: exportUrl('xlsx', ''), download: '', text: 'Celý rok XLSX' }),
      el('a', { class: 'button-secondary', href: exportUrl('csv', ''), download: '', text: 'Celý rok CSV' })),
    table([sortHeader('Služba', 'service'), sortHeader('Poskytovatel', 'provider'), sortHeader('Druh', 'druh'), 'Termín',
      sortHeader('Stav', 'state'), 'Lhůta', sortHeader('Poslední změna', 'updated'), sortHeader('Náklady', 'naklady'), sortHeader('Výnosy', 'vynosy'),
      'Kontroly'],
    data.items.map((i) => el('tr', { 'data-service': i.serviceId },
      el('td', {}, i.formId ? el('a', { href: `?id=${i.formId}`, text: i.serviceName }) : i.serviceName),
      el('td', { text: `${i.providerName} (IČO ${i.ico})` }), el('td', { text: i.druhName }), el('td', { text: `${data.term}.` }),
      el('td', { class: `state state-${i.state}`, text: i.stateLabel }), el('td', { text: date(i.dueTo) }), el('td', { text: dateTime(i.updatedAt) }),
      el('td', { class: 'num', text: money(i.totals.naklady) }), el('td', { class: 'num', text: money(i.totals.vynosy) }),
      el('td', { class: i.late ? 'late' : null, text: checksText(i) })))));
}

/** Failing checks of a form, and the deadline flag (a report not handed in on time is not evaluated for the network of N+2). */
function checksText(item) {
  const parts = [];
  if (item.checks && (item.checks.errors || item.checks.warnings)) parts.push(`chyby ${item.checks.errors}, varování ${item.checks.warnings}`);
  else if (item.checks) parts.push('bez chyb');
  if (item.late) parts.push(family === 'vykaz-skutecnost' ? 'po lhůtě – nehodnoceno pro síť roku N+2' : 'po lhůtě');
  return parts.join(' · ');
}

// One form --------------------------------------------------------------------------------------------------------

function formHeader(view) {
  const signed = signedBy(view);
  return el('header', { class: 'form-head' },
    el('h1', { text: `${view.service.name}` }),
    el('dl', { class: 'form-facts' },
      ...[['Poskytovatel', `${view.service.providerName}, IČO ${view.service.ico}`],
        ['Druh', view.service.druhName],
        ['Období', `${view.year}, ${view.term}. termín – ${view.termName} (data k ${date(view.dataAsOf)})`],
        ['Lhůta', `${view.dueFrom ? `${date(view.dueFrom)} – ` : 'do '}${date(view.dueTo)}`],
        ['Stav', view.stateLabel],
        ['Podepsal a předal', signed ? `${signed.userName}, ${dateTime(signed.at)}` : 'zatím nepředáno'],
        ...(view.signatures || []).map((x) => [`Podpis č. ${x.number}`, `${x.signedBy}, ${dateTime(x.signedAt)}, SHA-256 ${x.sha256}`
          + (x.qualified ? `; certifikát ${x.certificateSubject}, vydal ${x.certificateIssuer}, sériové číslo ${x.certificateSerial}` : '')]),
        ['Poslední změna', `${dateTime(view.updatedAt)} (${view.updatedBy || ''})`],
        view.negativesAllowed ? ['Výjimka pro záporné hodnoty', view.exceptionReason] : null]
        .filter(Boolean).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { 'data-fact': k, text: v })])));
}

function historyList(view) {
  if (!view.history.length) return null;
  return el('details', { class: 'form-history' }, el('summary', { text: `Historie stavů (${view.history.length})` }),
    el('ol', {}, view.history.map((h) => el('li', {
      text: `${dateTime(h.at)} · ${h.userName}: ${stateLabel(h.fromState)} → ${stateLabel(h.toState)}${h.reason ? ` – ${h.reason}` : ''}`,
    }))));
}

/** The ORP → obec picker from the real territory (kraj → SO ORP → obec). */
function obcePicker(state, onAdd) {
  const kraj = select([['CZ071', 'Olomoucký kraj'], ['CZ072', 'Zlínský kraj']], state.view.kraj, { 'aria-label': 'Kraj obce' });
  const orp = el('select', { 'aria-label': 'SO ORP' });
  const obec = el('select', { 'aria-label': 'Obec' });
  // The latest request wins (a kraj chosen again while its list loads must not reset an SO ORP picked meanwhile).
  let loadedKraj = null;
  let orpRun = 0;
  let obceRun = 0;
  const loadOrp = async () => {
    if (kraj.value === loadedKraj) return;
    loadedKraj = kraj.value;
    const run = ++orpRun;
    const fc = await getJson(`/api/territory/orp?kraj=${enc(kraj.value)}`);
    if (run !== orpRun) return;
    fill(orp, el('option', { value: '', text: 'vyberte SO ORP' }),
      fc.features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'cs'))
        .map((p) => el('option', { value: p.csuCode, text: p.name })));
    fill(obec);
  };
  const loadObce = async () => {
    const run = ++obceRun;
    if (!orp.value) { fill(obec); return; }
    const fc = await getJson(`/api/territory/obce?orp=${enc(orp.value)}`);
    if (run !== obceRun) return;
    fill(obec, fc.features.map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name, 'cs'))
      .map((p) => el('option', { value: p.code, text: p.name })));
  };
  kraj.addEventListener('change', () => loadOrp().catch((err) => { loadedKraj = null; showError(err); }));
  orp.addEventListener('change', () => loadObce().catch(showError));
  loadOrp().catch(showError);
  return el('div', { class: 'obce-picker' }, el('span', { text: 'Přidat obec: ' }), kraj, orp, obec,
    el('button', {
      type: 'button', class: 'button-secondary', text: 'Přidat obec',
      onclick: () => {
        if (!orp.value || !obec.value) return;
        onAdd({ orp: orp.value, obec: obec.value }, orp.selectedOptions[0].textContent, obec.selectedOptions[0].textContent);
      },
    }));
}

async function formPage(id, printing) {
  const view = await getJson(formUrl(id));
  const staff = isStaff();
  const state = {
    view, values: { ...view.values }, obce: view.obce.map((o) => ({ orp: o.orp, obec: o.obec })),
    names: new Map(view.obce.flatMap((o) => [[ORP + o.orp, o.orpName], [OBEC + o.obec, o.obecName]])),
    editable: !staff && !printing && view.editable,
  };
  document.title = `${view.service.name} – ${view.year}/${view.term} – KISSoS`;
  const status = el('div', { class: 'form-status', 'aria-live': 'polite' });
  const gridArea = el('div', { class: 'form-sets' });
  let grid;
  let timer = null;
  let checkRun = 0;
  let lastCheck = view.check;
  let picker = null;
  const body = () => ({ version: state.view.version, values: state.values, obce: state.obce });
  const runCheck = async () => {
    const run = ++checkRun;
    const check = await send('POST', `/api/my/forms/${id}/check`, body());
    if (run === checkRun) { lastCheck = check; grid.update(check); summary(); }
  };
  const onChange = () => {
    status.dataset.checked = '0';
    clearTimeout(timer);
    timer = setTimeout(() => runCheck().then(() => { status.dataset.checked = '1'; }, showError), 350);
  };
  const redraw = () => {
    grid = renderSets(gridArea, state, {
      onChange,
      onRemoveObec: (o) => { state.obce = state.obce.filter((x) => x.obec !== o.obec); redraw(); onChange(); },
      // One picker for the page, moved into each redrawn grid, so the chosen SO ORP stays for the next obec.
      obcePicker: () => (picker ??= obcePicker(state, (o, orpName, obecName) => {
        if (state.obce.some((x) => x.obec === o.obec)) return;
        state.names.set(ORP + o.orp, orpName);
        state.names.set(OBEC + o.obec, obecName);
        state.obce.push(o);
        redraw();
        onChange();
      })),
    });
    grid.update(lastCheck);
  };
  const summary = () => fill(status, lastCheck.canHandIn
    ? el('p', { class: 'check-ok', text: 'Kontroly v pořádku: formulář lze předat.' })
    : el('p', { class: 'check-bad', text: `Zbývá opravit nebo vyplnit: ${withUnit(lastCheck.messageCount, 'buňka')}.` }));

  const feedback = el('div', { class: 'form-feedback' });
  const showCellErrors = (err) => {
    const errors = err.problem?.errors || {};
    grid.update(lastCheck, errors);
    const cells = err.problem?.cells;
    fill(feedback, notice(problemText(err), 'error'), cells ? el('ul', { class: 'xlsx-errors' }, cells.map((c) => el('li', { text: c }))) : null);
  };
  const reload = async () => { location.reload(); };
  const save = async () => {
    fill(feedback);
    try {
      const saved = await send('PUT', `/api/my/forms/${id}`, body());
      state.view = saved;
      lastCheck = saved.check;
      fill(feedback, notice(`Uloženo ${dateTime(saved.updatedAt)}.`));
      grid.update(lastCheck);
      summary();
      renderHead();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const mine = { ...state.values };
        fill(feedback, conflictBox({
          problem: err.problem, mine,
          loadCurrent: async () => (await getJson(formUrl(id))).values,
          compareKeys: [...new Set([...Object.keys(mine)])],
          names: {},
          describe: (_, v) => (v == null ? [] : [String(v)]),
          onKeepMine: async () => { state.view.version = (await getJson(formUrl(id))).version; await save(); },
          onTakeCurrent: reload,
        }));
      } else if (err instanceof ApiError && err.status === 400) showCellErrors(err);
      else showError(err);
    }
  };
  const p7s = el('input', { type: 'file', accept: '.p7s,.p7m,.pem', id: 'p7s-upload', 'aria-label': 'Podpis výkazu (.p7s)' });
  const submit = async () => {
    if (view.signature === 'qualified' && !p7s.files[0]) {
      fill(feedback, notice('Kraj vyžaduje kvalifikovaný podpis: stáhněte soubor k podpisu, podepište jej a vyberte soubor podpisu (.p7s).', 'error'));
      return;
    }
    const ok = await confirmDialog({ title: 'Podepsat a předat ke schválení krajem?', text: 'Po předání formulář do vrácení krajem nelze měnit.', ok: 'Podepsat a předat' });
    if (!ok) return;
    try {
      await send('PUT', `/api/my/forms/${id}`, body()).then((v) => { state.view = v; });
      const signature = view.signature === 'qualified' ? await base64(p7s.files[0]) : null;
      await send('POST', `/api/my/forms/${id}/submit`, { version: state.view.version, signature });
      location.reload();
    } catch (err) { if (err instanceof ApiError && err.status === 400) showCellErrors(err); else showError(err); }
  };
  const upload = el('input', { type: 'file', accept: '.xlsx', class: 'xlsx-upload', 'aria-label': 'Nahrát vyplněný sešit XLSX' });
  upload.addEventListener('change', async () => {
    const file = upload.files[0];
    if (!file) return;
    try {
      await sendXlsx(`/api/my/forms/${id}/xlsx`, file);
      location.reload();
    } catch (err) { if (err instanceof ApiError && err.status === 400) showCellErrors(err); else showError(err); }
    upload.value = '';
  });
  const staffAct = async (action, needsReason, title) => {
    let reason = null;
    if (needsReason) {
      reason = $('reason-text').value.trim();
      if (!reason) { fill(feedback, notice('Uveďte důvod.', 'error')); $('reason-text').focus(); return; }
    } else if (!(await confirmDialog({ title, text: 'Akce se zapíše do historie formuláře.', ok: 'Potvrdit' }))) return;
    try {
      await send('POST', `/api/forms/${id}/${action}`, needsReason ? { reason } : undefined);
      location.reload();
    } catch (err) { showError(err); }
  };

  const headSlot = el('div');
  const renderHead = () => fill(headSlot, formHeader(state.view), historyList(state.view),
    state.view.readOnlyReason && !staff ? notice(state.view.readOnlyReason, 'info') : null,
    state.view.state === 'vraceno' ? notice(`Vráceno k přepracování: ${signedReason(state.view)}`, 'warning') : null);
  renderHead();
  const xlsxUrl = `${formUrl(id)}/xlsx`;
  const actions = printing
    ? el('div', { class: 'button-row form-actions' }, el('button', { type: 'button', class: 'button-primary', text: 'Vytisknout', onclick: () => window.print() }))
    : el('div', { class: 'button-row form-actions' },
    el('a', { class: 'button-secondary', href: isStaff() ? `?rodina=${view.family}` : `?rok=${view.year}&rodina=${view.family}`, text: '← Zpět na seznam' }),
    state.editable ? el('button', { type: 'button', class: 'button-primary', text: 'Uložit', onclick: save }) : null,
    state.editable && view.statutory && view.signature === 'qualified' ? el('a', { class: 'button-secondary', href: `${formUrl(id)}/canonical`, download: '', text: 'Stáhnout soubor k podpisu' }) : null,
    state.editable && view.statutory && view.signature === 'qualified' ? el('label', { class: 'button-secondary' }, 'Podpis (.p7s) ', p7s) : null,
    state.editable && view.statutory ? el('button', { type: 'button', class: 'button-primary', text: 'Podepsat a předat ke schválení krajem', onclick: submit }) : null,
    lastCheck.protocol?.length ? el('button', { type: 'button', class: 'button-secondary', text: 'Kontrola', onclick: () => fill(protocolSlot, protocolTable(lastCheck.protocol)) }) : null,
    el('a', { class: 'button-secondary', href: xlsxUrl, download: '', text: 'Stáhnout XLSX' }),
    state.editable ? el('label', { class: 'button-secondary' }, 'Nahrát XLSX ', upload) : null,
    el('details', { class: 'set-csv' }, el('summary', { text: 'CSV po sadách' }),
      el('ul', {}, view.template.sets.filter((set) => applies(set.when, view)).map((set) => el('li', {},
        el('a', { href: `${formUrl(id)}/csv?set=${enc(set.code)}`, download: '', text: set.name }))))),
    el('a', { class: 'button-secondary', href: `?id=${id}&tisk=1`, target: '_blank', text: 'Tisk' }));
  const staffPanel = staff && !printing ? el('section', { class: 'staff-actions', 'aria-label': 'Akce kraje' },
    el('label', { for: 'reason-text', text: 'Důvod (vrácení, znovuotevření, výjimka)' }),
    el('textarea', { id: 'reason-text', rows: '2', maxlength: '2000' }),
    el('div', { class: 'button-row' },
      view.state === 'ke_schvaleni' ? el('button', { type: 'button', class: 'button-primary', text: 'Schválit', onclick: () => staffAct('approve', false, 'Schválit formulář?') }) : null,
      view.state === 'ke_schvaleni' ? el('button', { type: 'button', class: 'button-secondary', text: 'Vrátit k přepracování', onclick: () => staffAct('return', true) }) : null,
      el('button', { type: 'button', class: 'button-secondary', text: 'Znovu otevřít po lhůtě', onclick: () => staffAct('reopen', true) }),
      el('button', { type: 'button', class: 'button-secondary', text: 'Povolit záporné hodnoty (výjimka)', onclick: () => staffAct('exception', true) }))) : null;

  const protocolSlot = el('div', { class: 'form-protocol' });
  fill($('main'), headSlot, actions, staffPanel, feedback, protocolSlot, state.editable ? status : null, gridArea);
  document.body.classList.toggle('printing', Boolean(printing));
  redraw();
  summary();
}

const OUTCOMES = { ok: 'v pořádku', chyba: 'chyba', varovani: 'varování', neprovedeno: 'neprovedeno' };

/** The "Kontrola" protocol: every cross-set check with its outcome, both sides and why a check was not run; printable. */
function protocolTable(protocol) {
  const number = (n) => (n == null ? '' : Number(n).toLocaleString('cs-CZ'));
  return el('section', { class: 'check-protocol', 'aria-label': 'Protokol kontroly' },
    el('h2', { text: `Protokol kontroly – ${new Date().toLocaleString('cs-CZ')}` }),
    table(['Kód', 'Kontrola', 'Závažnost', 'Výsledek', 'Levá strana', 'Pravá strana', 'Poznámka'], protocol.map((p) => el('tr', { 'data-check': p.code },
      el('td', { text: p.code }), el('td', { text: p.message }), el('td', { text: p.severity === 'warning' ? 'varování' : 'chyba' }),
      el('td', { class: `outcome-${p.outcome}`, text: OUTCOMES[p.outcome] || p.outcome }),
      el('td', { class: 'num', text: number(p.left) }), el('td', { class: 'num', text: number(p.right) }), el('td', { text: p.reason || '' })))),
    el('button', { type: 'button', class: 'button-secondary', text: 'Vytisknout protokol', onclick: () => window.print() }));
}

/** A file's bytes in base64 (the .p7s goes to the server inside the JSON of the hand-in). */
async function base64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

const signedReason = (view) => view.history.filter((h) => h.toState === 'vraceno').at(-1)?.reason || '';

const renderHeader = () => renderAccountNav($('account-nav'), session.account,
  [['./', 'Mapa'], ['nastenka.html', 'Nástěnka'], ['formulare.html', 'Formuláře'], ['sprava.html', 'Správa']], start);

async function start() {
  setReady('0');
  hideError();
  session.account = await currentAccount();
  renderHeader();
  const id = params.get('id');
  if (!session.account) renderLogin($('main'), () => start().catch(showError));
  else if (id) await formPage(id, params.get('tisk') === '1');
  else if (isStaff() && params.get('nastaveni')) {
    const kraj = hasRole(session.account, 'admin') ? (params.get('kraj') || 'CZ072') : null;
    await staffSettings($('main'), {
      year: Number(params.get('rok') || thisYear), kraj, years,
      onYear: (y) => { location.search = `?nastaveni=1&rok=${y}${kraj ? `&kraj=${kraj}` : ''}`; },
    });
  }
  else if (isStaff() && params.get('souhrn')) {
    await staffSums($('main'), {
      year: params.get('rok') || String(thisYear), term: params.get('termin') || '', family, by: params.get('podle') || 'druh',
      include: params.get('zahrnout') || 'handed-in', kraj: hasRole(session.account, 'admin') ? (params.get('kraj') || 'CZ072') : '',
    }, { families: FAMILIES, years });
  }
  else if (isStaff()) await staffOverview();
  else await providerList();
  setReady('1');
}

$('error').querySelector('.error-close').addEventListener('click', hideError);
start().catch((err) => { showError(err); setReady('error'); });
