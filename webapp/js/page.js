// What every portal page shares: message bundles, the header (user, language, sign out),
// the status line that screen readers announce, and the rule that signed-out visitors go to sign-in.

import { api, currentUser } from './api.js';
import { loadMessages, setLanguage, currentLanguage, t, errorMessage } from './i18n.js';

export async function startPage({ requireSignIn = true } = {}) {
  await loadMessages();
  const languageSelect = document.getElementById('language');
  if (languageSelect) {
    languageSelect.value = currentLanguage();
    languageSelect.addEventListener('change', async () => {
      await setLanguage(languageSelect.value);
      document.dispatchEvent(new CustomEvent('vestibule:language'));
    });
  }
  const user = await currentUser();
  if (requireSignIn && !user) {
    location.replace('/index.html?next=' + encodeURIComponent(location.pathname + location.search));
    return null;
  }
  const name = document.getElementById('user-name');
  if (name && user) name.textContent = user.displayName;
  const signOut = document.getElementById('sign-out');
  if (signOut) {
    signOut.hidden = !user;
    signOut.addEventListener('click', async () => {
      // After a single sign-on the answer names the provider's end-session address: the provider's session ends
      // there too, and the provider sends the browser back to the sign-in page.
      let next = '/index.html';
      try {
        const answer = await api('/auth/logout', { method: 'POST' });
        if (answer?.endSessionUrl) next = answer.endSessionUrl;
      } finally {
        location.assign(next);
      }
    });
  }
  return user;
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

/** Marks the form field the API named as wrong, and moves focus there. */
export function markInvalidField(form, error) {
  form.querySelectorAll('[aria-invalid="true"]').forEach((field) => field.removeAttribute('aria-invalid'));
  const field = error.field && form.querySelector(`[data-field="${error.field}"]`);
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }
}

export function query(name) {
  return new URLSearchParams(location.search).get(name);
}

export { t };
