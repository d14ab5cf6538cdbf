// The account part of a signed-in page's header: who is signed in, links to the other pages, sign-out.
import { ROLE_NAMES, signOut } from './account.js';
import { showError } from './api.js';
import { el, fill } from './dom.js';

/** Who is signed in: the name, and the role on a line of its own (beside a long name the ellipsis cut it off). */
export function accountWho(account) {
  const roles = (account.roles || []).map((r) => ROLE_NAMES[r] || r).join(', ');
  return el('span', { class: 'account-who', title: account.email },
    el('span', { class: 'account-name', text: account.name || account.email }),
    roles ? el('span', { class: 'account-role', text: roles }) : null);
}

/** links: [[href, text]]; onSignedOut runs after signing out (the page starts again). */
export function renderAccountNav(nav, account, links, onSignedOut) {
  fill(nav,
    account ? accountWho(account) : null,
    links.map(([href, text]) => el('a', { class: 'header-link', href, text })),
    account ? el('button', { type: 'button', class: 'header-link header-button', text: 'Odhlásit', onclick: () => signOut().then(onSignedOut, showError) }) : null);
}
