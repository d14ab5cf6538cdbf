// The nástěnka: sign-in, then the account's notices, forms, announcements, documents, contacts and FAQ. Regional
// staff also get the forms to add and remove items of their kraj (manage.js).
import { currentAccount, hasRole } from '../account.js';
import { getJson, hideError, send, showError } from '../api.js';
import { el, fill, setReady } from '../dom.js';
import { renderAccountNav } from '../page-header.js';
import { renderLogin } from '../sprava/login.js';
import { session } from '../sprava/session.js';
import { addForm, AUDIENCES, DOCUMENT_KINDS, removeButton, uploadVersionForm } from './manage.js';
import { richText } from './richtext.js';

const $ = (id) => document.getElementById(id);
const date = (iso) => (iso ? new Date(iso.length === 10 ? `${iso}T00:00:00` : iso).toLocaleDateString('cs-CZ') : '');
const kB = (bytes) => `${(bytes / 1024).toLocaleString('cs-CZ', { maximumFractionDigits: 1 })} kB`;
const isStaff = () => hasRole(session.account, 'regional', 'admin');

function section(id, title, ...body) {
  return el('section', { class: 'home-section', id, 'aria-labelledby': `${id}-title` },
    el('h2', { id: `${id}-title`, text: title }), ...body);
}

const empty = (text) => el('p', { class: 'home-empty', text });

// Sections: each loads its own data and draws itself into its slot, so one failing request spoils only its part.

async function notices(slot) {
  const list = await getJson('/api/my/notices');
  const markRead = async (n, item) => {
    await send('POST', `/api/my/notices/${n.id}/read`);
    item.classList.remove('unread');
    item.querySelector('button')?.remove();
  };
  fill(slot, list.length === 0 ? empty('Nemáte žádná oznámení.') : el('ul', { class: 'notice-list' }, list.map((n) => {
    const item = el('li', { class: n.readAt ? 'notice-item' : 'notice-item unread' },
      el('p', { class: 'notice-subject' }, el('strong', { text: n.subject }), ` · ${date(n.createdAt)}`),
      el('p', { class: 'notice-text', text: n.text }));
    if (!n.readAt) item.append(el('button', { type: 'button', class: 'link-button', text: 'Označit jako přečtené', onclick: () => markRead(n, item).catch(showError) }));
    return item;
  })));
}

async function forms(slot) {
  const list = await getJson('/api/home/forms');
  fill(slot, list.length === 0
    ? empty('Žádný otevřený formulář k vyplnění. Jakmile kraj otevře termín, najdete ho zde i se lhůtou odevzdání.')
    : el('table', { class: 'home-table' },
      el('thead', {}, el('tr', {}, ['Formulář', 'Služba', 'Lhůta', 'Stav', 'Poznámka'].map((t) => el('th', { scope: 'col', text: t })))),
      el('tbody', {}, list.map((f) => el('tr', {},
        el('td', {}, el('a', { href: f.url, text: f.title })), el('td', { text: f.service }), el('td', { text: date(f.deadline) }),
        el('td', { text: f.state }), el('td', { text: f.note || '' }))))));
}

async function announcements(slot, reload) {
  const list = await getJson(isStaff() ? '/api/home/announcements/all' : '/api/home/announcements');
  const audience = (a) => AUDIENCES.find(([v]) => v === a.audience)?.[1] + (a.druhCode ? ` ${a.druhCode}` : '');
  fill(slot,
    isStaff() ? addForm('announcement', reload) : null,
    list.length === 0 ? empty('Žádné aktuality.') : list.map((a) => el('article', { class: 'announcement', 'data-id': a.id },
      el('h3', { text: a.title }),
      el('p', { class: 'announcement-meta', text: `${date(a.validFrom)}${a.validTo ? ` – ${date(a.validTo)}` : ''}${isStaff() ? ` · ${a.kraj} · ${audience(a)}` : ''}` }),
      richText(a.text),
      isStaff() ? removeButton(`/api/home/announcements/${a.id}`, a.title, reload) : null)));
}

async function documents(slot, reload) {
  const list = await getJson('/api/home/documents');
  const kind = (k) => DOCUMENT_KINDS.find(([v]) => v === k)?.[1] || k;
  const link = (d, v, text) => el('a', { href: `/api/home/documents/${d.id}/file?verze=${v.number}`, download: v.fileName, text });
  fill(slot,
    isStaff() ? addForm('document', reload) : null,
    list.length === 0 ? empty('Žádné dokumenty ke stažení.') : el('ul', { class: 'document-list' }, list.map((d) => {
      const [newest, ...older] = d.versions;
      return el('li', { class: 'document', 'data-id': d.id },
        el('p', {}, el('span', { class: 'document-kind', text: `${kind(d.kind)} · ${d.module} · ${d.year}` })),
        newest
          ? el('p', {}, link(d, newest, d.title), ` (${newest.fileName}, ${kB(newest.size)}, verze ${newest.number}, aktualizováno ${date(newest.uploadedAt)})`)
          : el('p', {}, el('strong', { text: d.title }), ' – zatím bez souboru'),
        older.length ? el('details', {}, el('summary', { text: `Starší verze (${older.length})` }),
          el('ul', {}, older.map((v) => el('li', {}, link(d, v, `verze ${v.number}: ${v.fileName}`), ` (${date(v.uploadedAt)})`)))) : null,
        isStaff() ? uploadVersionForm(d, reload) : null,
        isStaff() ? removeButton(`/api/home/documents/${d.id}`, d.title, reload) : null);
    })));
}

async function contacts(slot, reload) {
  const list = await getJson('/api/home/contacts');
  fill(slot,
    isStaff() ? addForm('contact', reload) : null,
    list.length === 0 ? empty('Kraj zatím kontaktní osoby nezveřejnil.') : el('table', { class: 'home-table' },
      el('thead', {}, el('tr', {}, ['Jméno', 'Agenda', 'E-mail', 'Telefon', isStaff() ? '' : null].filter((t) => t !== null)
        .map((t) => el('th', { scope: 'col', text: t })))),
      el('tbody', {}, list.map((c) => el('tr', { 'data-id': c.id },
        el('td', { text: c.name }), el('td', { text: c.agenda }),
        el('td', {}, c.email ? el('a', { href: `mailto:${c.email}`, text: c.email }) : ''), el('td', { text: c.phone || '' }),
        isStaff() ? el('td', {}, removeButton(`/api/home/contacts/${c.id}`, c.name, reload)) : null)))));
}

async function faq(slot, reload) {
  const list = await getJson('/api/home/faq');
  fill(slot,
    isStaff() ? addForm('faq', reload) : null,
    list.length === 0 ? empty('Žádné časté dotazy.') : list.map((f) => el('details', { class: 'faq-item', 'data-id': f.id },
      el('summary', { text: f.question }), richText(f.answer),
      isStaff() ? removeButton(`/api/home/faq/${f.id}`, f.question, reload) : null)));
}

const SECTIONS = [
  ['oznameni', 'Oznámení', notices],
  ['formulare', 'Moje formuláře', forms],
  ['aktuality', 'Aktuality', announcements],
  ['dokumenty', 'Dokumenty ke stažení', documents],
  ['kontakty', 'Kontaktní osoby', contacts],
  ['dotazy', 'Časté dotazy', faq],
];

async function renderBoard() {
  const slots = SECTIONS.map(([id, title, load]) => {
    const slot = el('div', { class: 'home-slot' }, el('p', { class: 'loading', text: 'Načítám…' }));
    const reload = () => load(slot, reload).catch(showError);
    return { node: section(id, title, slot), run: reload };
  });
  fill($('main'), el('h1', { text: 'Nástěnka' }), slots.map((s) => s.node));
  await Promise.all(slots.map((s) => s.run()));
}

const renderHeader = () => renderAccountNav($('account-nav'), session.account,
  [['./', 'Mapa'], ['formulare.html', 'Formuláře'], ['sprava.html', 'Správa']], start);

async function start() {
  setReady('0');
  hideError();
  session.account = await currentAccount();
  renderHeader();
  if (!session.account) renderLogin($('main'), () => start().catch(showError));
  else await renderBoard();
  setReady('1');
}

$('error').querySelector('.error-close').addEventListener('click', hideError);
start().catch((err) => { showError(err); setReady('error'); });
