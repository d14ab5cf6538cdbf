// The management page: sign-in, then the sections the account's roles allow, addressed by the URL's hash.
import { currentAccount, hasRole, signOut } from '../account.js';
import { hideError, showError } from '../api.js';
import { el, fill, setReady } from '../dom.js';
import { accountWho } from '../page-header.js';
import * as audit from './audit.js';
import * as catalogueCsv from './catalogue-csv.js';
import { renderLogin } from './login.js';
import * as municipality from './municipality.js';
import * as registers from './registers.js';
import * as reports from '../reports/index.js';
import * as services from './services.js';
import { session } from './session.js';
import { confirmDialog } from './ui.js';
import * as users from './users.js';
import * as vacancies from './vacancies.js';

const SECTIONS = [
  { id: 'sluzby', title: 'Moje služby', roles: ['provider', 'regional', 'admin'], module: services },
  { id: 'volna-mista', title: 'Volná místa', roles: ['provider', 'regional', 'admin'], module: vacancies },
  { id: 'registry', title: 'Registry žadatelů', roles: ['provider'], module: registers },
  { id: 'reporty', title: 'Reporty', roles: ['regional', 'admin'], module: reports },
  { id: 'audit', title: 'Auditní záznam', roles: ['regional', 'admin'], module: audit },
  { id: 'katalog-csv', title: 'Katalog (CSV)', roles: ['regional', 'admin'], module: catalogueCsv },
  { id: 'ucty', title: 'Účty', roles: ['admin'], module: users },
  { id: 'obec', title: 'Obec', roles: ['municipality'], module: municipality },
];

const $ = (id) => document.getElementById(id);
const main = () => $('main');

let guard = null; // () => true while the shown form has unsaved changes
let routeCount = 0; // a section still loading when the next is asked for must not draw over it
let shownHash = null;
let firstRoute = true;

const allowedSections = () => SECTIONS.filter((s) => hasRole(session.account, ...s.roles));

function renderHeader() {
  const nav = $('account-nav');
  const a = session.account;
  if (!a) {
    nav.replaceChildren(el('a', { class: 'header-link', href: './', text: 'Mapa' }));
    return;
  }
  nav.replaceChildren(
    accountWho(a),
    el('a', { class: 'header-link', href: './', text: 'Mapa' }),
    el('a', { class: 'header-link', href: 'nastenka.html', text: 'Nástěnka' }),
    el('button', { type: 'button', class: 'header-link header-button', text: 'Odhlásit', onclick: onSignOut }));
}

function renderNav(current) {
  const nav = $('section-nav');
  const sections = allowedSections();
  nav.hidden = !session.account || sections.length < 2;
  nav.replaceChildren(el('ul', {}, sections.map((s) => el('li', {},
    el('a', { href: `#${s.id}`, text: s.title, 'aria-current': s.id === current ? 'page' : null })))));
}

async function onSignOut() {
  if (guard?.() && !(await leaveConfirmed())) return;
  guard = null;
  try {
    await signOut();
  } catch (err) {
    showError(err);
    return;
  }
  session.account = null;
  history.replaceState(null, '', location.pathname);
  showSignedOut();
}

function showSignedOut() {
  renderHeader();
  renderNav(null);
  document.title = 'Přihlášení – Správa údajů – KISSoS';
  renderLogin(main(), (account) => {
    session.account = account;
    hideError();
    firstRoute = true;
    renderHeader();
    route();
  });
  setReady('1');
}

const leaveConfirmed = () => confirmDialog({
  title: 'Odejít bez uložení?',
  text: 'Ve formuláři máte neuložené změny. Když odejdete, ztratíte je.',
  ok: 'Odejít bez uložení',
});

function parseHash() {
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const [sectionId, ...rest] = path.split('/').map(decodeURIComponent);
  return { sectionId, rest, query: new URLSearchParams(query) };
}

async function route() {
  if (!session.account) return;
  if (guard?.() && shownHash !== location.hash) {
    if (!(await leaveConfirmed())) {
      // Back to the form's address without drawing it again: what was typed stays.
      history.replaceState(null, '', shownHash || location.pathname);
      return;
    }
  }
  guard = null;
  shownHash = location.hash;
  const { sectionId, rest, query } = parseHash();
  const sections = allowedSections();
  const section = sections.find((s) => s.id === sectionId) || sections[0];
  renderNav(section?.id);
  hideError();
  if (!section) {
    fill(main(), el('h1', { text: 'Správa údajů' }),
      el('p', { text: 'Váš účet zatím nemá přidělenou žádnou roli. Obraťte se na správce systému.' }));
    setReady('1');
    return;
  }
  setReady('0');
  const mine = ++routeCount;
  document.title = `${section.title} – Správa údajů – KISSoS`;
  // Each route draws into its own box: one that a later route replaced draws into nothing visible.
  const host = el('div', { class: 'section-host' }, el('p', { class: 'loading', text: 'Načítám…' }));
  fill(main(), host);
  try {
    await section.module.render(host, {
      path: section.id === sectionId ? rest : [],
      query,
      setGuard: (fn) => { if (mine === routeCount) guard = fn; },
    });
  } catch (err) {
    fill(host, el('h1', { text: section.title }));
    if (mine === routeCount) showError(err);
  }
  if (mine !== routeCount) return;
  // Moving between sections puts the keyboard at the new heading, as a page load would.
  if (!firstRoute) main().querySelector('h1')?.setAttribute('tabindex', '-1');
  if (!firstRoute) main().querySelector('h1')?.focus();
  firstRoute = false;
  setReady('1');
}

async function boot() {
  $('error').querySelector('.error-close').addEventListener('click', hideError);
  window.addEventListener('hashchange', route);
  window.addEventListener('beforeunload', (e) => {
    if (guard?.()) e.preventDefault();
  });
  try {
    session.account = await currentAccount();
  } catch (err) {
    showError(err);
    setReady('error');
    return;
  }
  if (!session.account) {
    showSignedOut();
    return;
  }
  renderHeader();
  await route();
}

boot();
