// Sign-in form: on the page when nobody is signed in, and in a dialog when a session runs out mid-work.
import { ApiError } from '../api.js';
import { signIn } from '../account.js';
import { el, fill } from '../dom.js';
import { checkRequired, field, showErrors } from './ui.js';

/** A sign-in form; onSignedIn(account) after success. */
export function loginForm({ onSignedIn, email = '' }) {
  const emailInput = el('input', { type: 'email', name: 'email', autocomplete: 'username', value: email, spellcheck: 'false' });
  const password = el('input', { type: 'password', name: 'password', autocomplete: 'current-password' });
  const submit = el('button', { type: 'submit', class: 'button-primary', text: 'Přihlásit se' });
  const form = el('form', { class: 'login-form', novalidate: true },
    field({ label: 'E-mail', input: emailInput, required: true, errorFor: 'email' }),
    field({ label: 'Heslo', input: password, required: true, errorFor: 'password' }),
    el('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const missing = checkRequired(form);
    if (Object.keys(missing).length) {
      showErrors(form, missing, { title: 'Vyplňte e-mail a heslo' });
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Přihlašuji…';
    try {
      const account = await signIn(emailInput.value.trim(), password.value);
      onSignedIn(account);
    } catch (err) {
      // 401: wrong e-mail or password; 429: locked out after repeated failures. Both come with Czech detail.
      const locked = err instanceof ApiError && err.status === 429;
      const title = err instanceof ApiError ? err.problem?.title || 'Přihlášení se nezdařilo' : 'Server je nedostupný';
      const detail = err instanceof ApiError
        ? err.problem?.detail || 'Zkuste to prosím znovu.'
        : 'Zkontrolujte připojení a zkuste to znovu.';
      showErrors(form, { [locked ? 'email' : 'password']: [detail] }, { title });
      password.value = '';
      if (!locked) password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Přihlásit se';
    }
  });
  return form;
}

export function renderLogin(main, onSignedIn) {
  fill(main, 
    el('section', { class: 'login-card' },
      el('h1', { text: 'Přihlášení' }),
      el('p', { class: 'lead', text: 'Správa údajů o sociálních službách pro poskytovatele, obce, pracovníky kraje a správce systému.' }),
      loginForm({ onSignedIn }),
      el('p', { class: 'login-foot' }, 'Veřejnost účet nepotřebuje: ', el('a', { href: './', text: 'mapa služeb a volných míst' }), ' je přístupná všem.')));
  main.querySelector('input[name="email"]').focus();
}

/** Signs in again in a dialog without leaving the page; resolves with the account, or null when dismissed. */
export function signInAgain(email) {
  const dialog = document.getElementById('login-dialog');
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.querySelector('.login-dialog-body').replaceChildren();
      resolve(null);
    }, { once: true });
    dialog.querySelector('.login-dialog-body').replaceChildren(loginForm({
      email,
      onSignedIn: (account) => {
        dialog.close();
        resolve(account);
      },
    }));
    dialog.showModal();
    dialog.querySelector('input[name="password"]').focus();
  });
}
