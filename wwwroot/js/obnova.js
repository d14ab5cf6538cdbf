// The refresh report for regional staff: refreshes of the MPSV registry, their changes, CSV download.

import { currentAccount } from './account.js';
import { ApiError, getJson, showError, hideError } from './api.js';
import { el, setReady } from './dom.js';

const $ = (id) => document.getElementById(id);
const number = new Intl.NumberFormat('cs-CZ');
const percent = new Intl.NumberFormat('cs-CZ', { style: 'percent', maximumFractionDigits: 1 });
const dateTime = new Intl.DateTimeFormat('cs-CZ', { dateStyle: 'medium', timeStyle: 'short' });
const kindNames = { new: 'nová služba', ended: 'ukončená služba', capacity: 'změna kapacity', moved: 'změna místa' };

let selected = null;

async function postJson(url, body) {
  const token = await getJson('/api/account/antiforgery');
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', [token.header]: token.token },
    body: JSON.stringify(body),
  });
  const problem = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, problem);
  return problem;
}

function showLogin() {
  $('login').hidden = false;
  $('refreshes').hidden = true;
  $('detail').hidden = true;
  $('login-email').focus();
}

async function login(event) {
  event.preventDefault();
  const form = event.currentTarget;
  try {
    await postJson('/api/account/login', { email: form.email.value, password: form.password.value });
    hideError();
    form.reset();
    await start();
  } catch (err) {
    showError(err instanceof ApiError ? `Přihlášení se nezdařilo. ${err.problem?.detail || ''}` : err);
  }
}

function status(r) {
  return r.succeeded
    ? el('span', { class: 'status-ok', text: 'uložena' })
    : el('span', { class: 'status-failed', text: 'zamítnuta' });
}

function renderRefreshes(list) {
  const body = $('refreshes-table').querySelector('tbody');
  body.replaceChildren(...list.map((r) => {
    const open = el('button', { type: 'button', class: 'link-button', onclick: () => select(r.id) },
      `č. ${r.id}, ${dateTime.format(new Date(r.startedAt))}`);
    // A refused refresh stored nothing: its counts would only mislead.
    const count = (text) => el('td', { class: 'num', text: r.succeeded ? text : '—' });
    return el('tr', { 'data-id': r.id },
      el('td', {}, open),
      el('td', {}, status(r)),
      count(number.format(r.servicesNew)),
      count(number.format(r.servicesEnded)),
      count(number.format(r.capacityChanges)),
      count(number.format(r.movedPlaces)),
      count(`${number.format(r.addressCodesNotFound)} (${percent.format(r.addressCodesNotFoundShare)})`));
  }));
  $('refreshes-empty').hidden = list.length > 0;
}

function renderSummary(r) {
  const files = [
    ['Soubor registru', r.rpssFile], ['Adresní místa', r.addressesFile], ['Hranice (VFR)', r.vfrFile || '—'],
    ['Kraje', r.kraje.length ? r.kraje.join(', ') : 'celá ČR'],
  ];
  const counts = [
    ['Registrací v souboru', number.format(r.servicesInFile)], ['Platných služeb', number.format(r.servicesActive)],
    ['Zařízení', number.format(r.facilities)], ['Utajené adresy', number.format(r.secretFacilities)],
    ['Bez kódu adresy', number.format(r.facilitiesWithoutCode)],
    ['Kódy adres nenalezeny', `${number.format(r.addressCodesNotFound)} z ${number.format(r.addressCodes)} (${percent.format(r.addressCodesNotFoundShare)})`],
    ['Obce z VFR', number.format(r.vfrObce)],
  ];
  const rows = r.succeeded ? files.concat(counts) : files;
  $('detail-refused').hidden = r.succeeded;
  $('changes').hidden = !r.succeeded;
  $('detail-summary').replaceChildren(...rows.map(([k, v]) => el('div', {}, el('dt', { text: k }), el('dd', { text: v }))));
  $('detail-notes').replaceChildren(
    ...r.errors.map((e) => el('li', { class: 'note-error', text: e })),
    ...r.warnings.map((w) => el('li', { text: w })));
}

function renderChanges(changes) {
  const body = $('changes-table').querySelector('tbody');
  body.replaceChildren(...changes.map((c) => el('tr', {},
    el('td', { text: c.kindName || kindNames[c.kind] }),
    el('td', {}, c.serviceName, el('br'), el('small', { class: 'missing', text: c.serviceId })),
    el('td', { text: c.providerIco }),
    el('td', { text: c.kraje.join(', ') }),
    el('td', { text: c.oldValue ?? '' }),
    el('td', { text: c.newValue ?? '' }),
    el('td', { text: c.detail }))));
  $('changes-count').textContent = changes.length === 0 ? 'Žádné změny.' : `Změn: ${number.format(changes.length)}`;
}

async function loadChanges() {
  const kind = $('f-kind').value;
  const q = kind ? `?kind=${kind}` : '';
  $('csv-link').href = `/api/registry/refreshes/${selected}/changes.csv${q}`;
  try {
    const data = await getJson(`/api/registry/refreshes/${selected}${q}`);
    renderSummary(data.refresh);
    renderChanges(data.changes);
    $('detail-title').textContent = `Změny obnovy č. ${data.refresh.id}`;
    $('detail').hidden = false;
  } catch (err) {
    showError(err);
  }
}

async function select(id) {
  selected = id;
  for (const row of $('refreshes-table').querySelectorAll('tbody tr')) {
    row.setAttribute('aria-selected', String(Number(row.dataset.id) === id));
  }
  await loadChanges();
}

async function start() {
  try {
    if (!await currentAccount()) {
      showLogin();
      return;
    }
    const list = await getJson('/api/registry/refreshes');
    $('login').hidden = true;
    $('refreshes').hidden = false;
    renderRefreshes(list);
    if (list.length) await select(list[0].id);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      if (err.status === 403) showError('Váš účet nemá k obnovám registru přístup (jen pracovníci kraje a správci).');
      showLogin();
    } else {
      showError(err);
    }
  } finally {
    setReady('1');
  }
}

$('login-form').addEventListener('submit', login);
$('f-kind').addEventListener('change', loadChanges);
document.querySelector('.error-close').addEventListener('click', hideError);
start();
