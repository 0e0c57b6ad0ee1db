import { api, rememberCsrfToken } from './api.js';
import { startPage, showStatus, showError, markInvalidField, query, t } from './page.js';

/** Only paths of this site are followed after sign-in, never another origin (no open redirect). */
function nextPage() {
  const next = query('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/meetings.html';
}

const user = await startPage({ requireSignIn: false });
if (user) location.replace(nextPage());

const form = document.getElementById('sign-in-form');
const button = document.getElementById('sign-in');
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
    const result = await api('/auth/login', { method: 'POST', body: { username, password } });
    rememberCsrfToken(result.csrfToken);
    location.assign(nextPage());
  } catch (error) {
    form.password.value = '';
    showError(error);
    markInvalidField(form, error);
    if (!error.field) form.password.focus();
  } finally {
    button.disabled = false;
  }
});
