// What every page shares, the portal's and the admin console's: the frame (a skip link, then the header with the
// brand, the signed-in user, the language picker and sign-out), the status line that screen readers announce, and
// for the portal the rule that signed-out visitors go to sign-in. The console reaches this file as
// /admin/shared/js/page.js (see webapp/admin/js/console.js), so it imports nothing the build does not copy there.

import { api, currentUser } from './api.js';
import { loadMessages, setLanguage, currentLanguage, t, errorMessage } from './i18n.js';

const LANGUAGES = [['en', 'English'], ['es', 'Español'], ['fr', 'Français']];

/**
 * Puts the frame at the top of the page. The brand links to {@code home} and reads {@code brand}, or the message
 * {@code brandKey} where there is one; pages nobody is signed in to ({@code account: false}) have no user name and no
 * sign-out. Called before the messages load, which put its English words into the chosen language.
 */
export function renderFrame({ home, brand = 'Vestibule', brandKey = null, account = true }) {
  const header = h('header', { class: 'site' },
    h('a', { class: 'brand', href: home, 'data-i18n': brandKey }, brand),
    account ? h('span', { class: 'user', id: 'user-name' }) : null,
    h('label', { for: 'language', 'data-i18n': 'nav.language' }, 'Language'),
    h('select', { id: 'language' }, LANGUAGES.map(([value, name]) => h('option', { value }, name))),
    account ? h('button', { type: 'button', class: 'link', id: 'sign-out', hidden: true, 'data-i18n': 'nav.signOut' }, 'Sign out') : null);
  document.body.prepend(h('a', { class: 'skip-link', href: '#main', 'data-i18n': 'page.skip' }, 'Skip to content'), header);
  return header;
}

/**
 * Loads the messages in the chosen language and lets the header's picker change it. A change is announced as the
 * event "vestibule:language", on which pages write again the texts they wrote themselves.
 */
export async function startLanguage() {
  await loadMessages();
  const picker = document.getElementById('language');
  picker.value = currentLanguage();
  picker.addEventListener('change', async () => {
    await setLanguage(picker.value);
    document.dispatchEvent(new CustomEvent('vestibule:language'));
  });
}

/** Names the signed-in user in the header and offers sign-out, which {@code signOut} carries out. */
export function showAccount(name, signOut) {
  document.getElementById('user-name').textContent = name;
  const button = document.getElementById('sign-out');
  button.hidden = false;
  button.addEventListener('click', signOut);
}

/** Starts a portal page: its frame and messages, and the signed-in user (signed-out visitors go to sign-in). */
export async function startPage({ requireSignIn = true } = {}) {
  renderFrame({ home: '/meetings.html' });
  await startLanguage();
  const user = await currentUser();
  if (requireSignIn && !user) {
    location.replace('/index.html?next=' + encodeURIComponent(location.pathname + location.search));
    return null;
  }
  if (user) showAccount(user.displayName, signOutOfPortal);
  return user;
}

async function signOutOfPortal() {
  // After a single sign-on the answer names the provider's end-session address: the provider's session ends
  // there too, and the provider sends the browser back to the sign-in page.
  let next = '/index.html';
  try {
    const answer = await api('/auth/logout', { method: 'POST' });
    if (answer?.endSessionUrl) next = answer.endSessionUrl;
  } finally {
    location.assign(next);
  }
}

/** Shows a message in the page's live status region; kind is "info", "success" or "error". */
export function showStatus(text, kind = 'info') {
  const status = document.getElementById('status');
  if (!status) return;
  status.textContent = text;
  status.dataset.kind = kind;
  status.hidden = !text;
}

export function showError(error) {
  showStatus(errorMessage(error), 'error');
}

export function clearInvalidMarks(form) {
  form.querySelectorAll('[aria-invalid="true"]').forEach((field) => field.removeAttribute('aria-invalid'));
}

/** Marks the form field the API named as wrong, and moves focus there. */
export function markInvalidField(form, error) {
  clearInvalidMarks(form);
  const field = error.field && form.querySelector(`[data-field="${error.field}"]`);
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }
}

/**
 * Completes a sign-in form with its user name and password fields and its button, and hands what is typed to
 * {@code signIn}(username, password). When that fails, the password is cleared and {@code refused}(error, username)
 * says why.
 */
export function startPasswordSignIn(form, { signIn, refused }) {
  const button = worded('button', { type: 'submit', id: 'sign-in' }, 'signIn.submit');
  form.append(
    h('div', { class: 'field' },
      worded('label', { for: 'username' }, 'signIn.username'),
      h('input', { id: 'username', name: 'username', type: 'text', autocomplete: 'username', autocapitalize: 'none',
        spellcheck: 'false', required: true, 'data-field': 'username' })),
    h('div', { class: 'field' },
      worded('label', { for: 'password' }, 'signIn.password'),
      h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true,
        'data-field': 'password' })),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!username || !password) {
      showStatus(t('signIn.missing'), 'error');
      (username ? form.password : form.username).focus();
      return;
    }
    button.disabled = true;
    showStatus(t('signIn.signingIn'));
    try {
      await signIn(username, password);
    } catch (error) {
      form.password.value = '';
      refused(error, username);
    } finally {
      button.disabled = false;
    }
  });
}

export function query(name) {
  return new URLSearchParams(location.search).get(name);
}

/** An element with attributes ("on…" adds a listener; null, undefined and false are left out) and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

/** An element whose text is the message {@code key}, written again in another language when the picker changes. */
export function worded(tag, attributes, key) {
  return h(tag, { ...attributes, 'data-i18n': key }, t(key));
}

export { t };
