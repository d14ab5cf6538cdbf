// The signed-in account: who it is, signing in and out, and the account link in the map page's header.
import { forgetAntiforgery, getJson, send } from './api.js';
import { el } from './dom.js';

// Set on sign-in, so the map page asks the server about the account only in a browser that signed in before:
// an anonymous visitor's page then makes no request that is bound to fail with 401.
const HINT = 'kissos.signedIn';

export const ROLE_NAMES = {
  provider: 'poskytovatel',
  municipality: 'obec',
  regional: 'pracovník kraje',
  admin: 'správce',
};

export const hasRole = (account, ...roles) => Boolean(account?.roles?.some((r) => roles.includes(r)));

function remember(on) {
  try {
    if (on) localStorage.setItem(HINT, '1'); else localStorage.removeItem(HINT);
  } catch { /* storage may be off; the hint is only an optimisation */ }
}

function hinted() {
  try { return localStorage.getItem(HINT) === '1'; } catch { return true; }
}

/** The account of this browser's session, or null when nobody is signed in (asked without a failing request). */
export async function currentAccount() {
  const { signedIn, account } = await getJson('/api/account/session');
  remember(signedIn);
  return signedIn ? account : null;
}

export async function signIn(email, password) {
  const me = await send('POST', '/api/account/login', { email, password });
  forgetAntiforgery();
  remember(true);
  return me;
}

export async function signOut() {
  await send('POST', '/api/account/logout');
  forgetAntiforgery();
  remember(false);
}

/** Header of the map page: "Přihlásit", or the account's name and a link to the management page. */
export async function initAccountLink(nav) {
  if (!hinted()) return;
  const me = await currentAccount().catch(() => null);
  if (!me) return;
  nav.replaceChildren(
    el('span', { class: 'account-name', title: me.email, text: me.name || me.email }),
    el('a', { class: 'header-link', href: 'nastenka.html', text: 'Nástěnka' }),
    el('a', { class: 'header-link', href: 'sprava.html', text: 'Správa' }));
}
