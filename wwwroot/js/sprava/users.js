// "Účty" (administrators): the accounts with their bindings, and a form to create one with its role.
import { getJson, send } from '../api.js';
import { ROLE_NAMES } from '../account.js';
import { el, fill } from '../dom.js';
import { formatDateTime } from '../format.js';
import { authed } from './session.js';
import { kraje, obceOf } from './territory.js';
import { checkRequired, clearErrors, field, notice, select, setOptions, showErrors, showProblem, trackDirty } from './ui.js';

const ROLES = [
  ['provider', 'Poskytovatel – spravuje služby svých IČO'],
  ['municipality', 'Obec – účet vázaný na obec'],
  ['regional', 'Pracovník kraje – vidí a upravuje vše ve svém kraji'],
  ['admin', 'Správce systému'],
];
const FIELD_NAMES = { email: 'E-mail', password: 'Heslo', role: 'Role', icos: 'IČO', obec: 'Obec', kraj: 'Kraj', displayName: 'Jméno' };

// The list does not state roles; the bindings follow from the role, and an account without any is an administrator.
const roleOf = (u) => u.roles?.[0] ?? '';

let flash = null;

export async function render(main, ctx) {
  const [users, krajList] = await Promise.all([authed(() => getJson('/api/admin/users')), kraje()]);
  const krajName = new Map(krajList.map((k) => [k.properties.nuts3, k.properties.name]));

  const binding = (u) => {
    if (u.icos?.length) return `IČO ${u.icos.join(', ')}`;
    if (u.obec) return `obec ${u.obec}`;
    if (u.kraj) return krajName.get(u.kraj) || u.kraj;
    return '—';
  };
  const locked = (u) => u.lockoutEnd && new Date(u.lockoutEnd) > new Date();

  const shownFlash = flash;
  flash = null;
  fill(main, 
    el('h1', { text: 'Účty' }),
    el('p', { class: 'lead', text: 'Uživatelské účty a jejich vazby: poskytovatel na IČO, obec na obec, pracovník kraje na kraj.' }),
    shownFlash ? notice(shownFlash) : null,
    el('div', { class: 'two-columns' },
      el('section', { 'aria-labelledby': 'users-title' },
        el('h2', { id: 'users-title', text: `Existující účty (${users.length})` }),
        el('table', { class: 'data-table users-table' },
          el('thead', {}, el('tr', {}, ['E-mail', 'Jméno', 'Role', 'Vazba', 'Stav'].map((t) => el('th', { scope: 'col', text: t })))),
          el('tbody', {}, users.map((u) => el('tr', { 'data-email': u.email },
            el('td', { text: u.email }),
            el('td', { text: u.displayName }),
            el('td', { text: ROLE_NAMES[roleOf(u)] ?? roleOf(u) }),
            el('td', { text: binding(u) }),
            el('td', {}, locked(u)
              ? el('span', { class: 'badge badge-warn', text: `zablokován do ${formatDateTime(u.lockoutEnd)}` })
              : el('span', { class: 'muted', text: 'aktivní' }))))))),
      newUserForm(main, ctx, krajList)));
}

function newUserForm(main, ctx, krajList) {
  const krajOptions = krajList.map((k) => [k.properties.nuts3, k.properties.name]);
  const i = {
    email: el('input', { type: 'email', name: 'email', autocomplete: 'off', spellcheck: 'false' }),
    displayName: el('input', { type: 'text', name: 'displayName', autocomplete: 'off' }),
    password: el('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 10 }),
    role: select([['', 'Zvolte roli'], ...ROLES], '', { name: 'role' }),
    icos: el('input', { type: 'text', name: 'icos', autocomplete: 'off', inputmode: 'numeric', spellcheck: 'false' }),
    obecKraj: select([['', 'Zvolte kraj'], ...krajOptions], ''),
    obec: select([['', 'Nejprve zvolte kraj']], '', { name: 'obec' }),
    kraj: select([['', 'Zvolte kraj'], ...krajOptions], '', { name: 'kraj' }),
  };
  const show = {
    provider: field({ label: 'IČO poskytovatele', input: i.icos, required: true, errorFor: 'icos', hint: 'Osmimístné IČO; více IČO oddělte čárkou.' }),
    municipality: el('div', {},
      field({ label: 'Kraj obce', input: i.obecKraj }),
      field({ label: 'Obec', input: i.obec, required: true, errorFor: 'obec' })),
    regional: field({ label: 'Kraj', input: i.kraj, required: true, errorFor: 'kraj' }),
  };
  const syncRole = () => {
    for (const [role, node] of Object.entries(show)) node.hidden = i.role.value !== role;
  };
  i.role.addEventListener('change', syncRole);
  i.obecKraj.addEventListener('change', async () => {
    const obce = i.obecKraj.value ? await obceOf(i.obecKraj.value) : [];
    setOptions(i.obec, [['', i.obecKraj.value ? 'Zvolte obec' : 'Nejprve zvolte kraj'],
      ...obce.map((o) => [o.properties.code, `${o.properties.name} (${o.properties.code})`])]);
  });
  syncRole();

  const submit = el('button', { type: 'submit', class: 'button-primary', text: 'Založit účet' });
  const form = el('form', { id: 'user-form', class: 'edit-form', novalidate: true, 'aria-labelledby': 'new-user-title' },
    field({ label: 'E-mail (přihlašovací jméno)', input: i.email, required: true, errorFor: 'email' }),
    field({ label: 'Jméno', input: i.displayName, errorFor: 'displayName', hint: 'Zobrazí se v záhlaví po přihlášení; bez vyplnění se použije e-mail.' }),
    field({ label: 'Počáteční heslo', input: i.password, required: true, errorFor: 'password', hint: 'Nejméně 10 znaků, s velkým i malým písmenem, číslicí a zvláštním znakem.' }),
    field({ label: 'Role', input: i.role, required: true, errorFor: 'role' }),
    show.provider, show.municipality, show.regional,
    el('div', { class: 'form-actions' }, submit));
  const dirty = trackDirty(form);
  ctx.setGuard(() => dirty.dirty);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const errors = checkRequired(form);
    const icos = i.icos.value.split(/[\s,;]+/).filter(Boolean);
    if (i.role.value === 'provider' && icos.some((x) => !/^\d{8}$/.test(x))) errors.icos = ['IČO má 8 číslic (včetně úvodních nul).'];
    if (i.password.value && i.password.value.length < 10) errors.password = ['Heslo musí mít alespoň 10 znaků.'];
    if (Object.keys(errors).length) {
      showErrors(form, errors, { title: 'Zkontrolujte prosím formulář', names: FIELD_NAMES });
      return;
    }
    clearErrors(form);
    const role = i.role.value;
    submit.disabled = true;
    try {
      await authed(() => send('POST', '/api/admin/users', {
        email: i.email.value.trim(),
        password: i.password.value,
        role,
        displayName: i.displayName.value.trim() || null,
        icos: role === 'provider' ? icos : null,
        obec: role === 'municipality' ? i.obec.value : null,
        kraj: role === 'regional' ? i.kraj.value : null,
      }));
      dirty.dirty = false;
      ctx.setGuard(null);
      flash = `Účet ${i.email.value.trim()} byl založen. Sdělte jeho držiteli počáteční heslo bezpečnou cestou.`;
      await render(main, ctx);
    } catch (err) {
      showProblem(form, err, { names: FIELD_NAMES, title: 'Účet nelze založit' });
    } finally {
      submit.disabled = false;
    }
  });

  return el('section', { class: 'panel-box', 'aria-labelledby': 'new-user-title' },
    el('h2', { id: 'new-user-title', text: 'Nový účet' }), form);
}
