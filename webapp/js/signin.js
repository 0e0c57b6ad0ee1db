import { api, rememberCsrfToken } from './api.js';
import { startPage, startPasswordSignIn, showError, markInvalidField, query } from './page.js';
import { nextPage as allowedNextPage } from './next-page.js';

/** Only the portal's own pages are followed after sign-in, never another origin (no open redirect). */
function nextPage() {
  return allowedNextPage(query('next'));
}

/** Codes the single sign-on sends back to this page in ?error=; anything else is ignored. */
const SSO_ERRORS = ['sso_unavailable', 'sso_expired', 'sso_denied', 'sso_failed', 'forbidden', 'busy', 'blocked'];

const user = await startPage({ requireSignIn: false });
if (user) location.replace(nextPage());

const form = document.getElementById('sign-in-form');

// Which ways in this service offers: the organisation's sign-in page (single sign-on), the directory form, or both.
let methods = { directory: true, sso: false };
try {
  methods = await api('/auth/methods');
} catch (error) {
  showError(error);
}
const sso = document.getElementById('sso');
sso.hidden = !methods.sso;
document.getElementById('sso-sign-in').href = '/api/v1/auth/sso/start?next=' + encodeURIComponent(nextPage());
form.hidden = !methods.directory;
document.getElementById('directory-hint').hidden = !methods.directory;
document.getElementById('sign-in-or').hidden = !(methods.sso && methods.directory);

const ssoError = query('error');
const retry = query('retry');
if (SSO_ERRORS.includes(ssoError)) showError({ code: ssoError, retryAfter: /^\d{1,6}$/.test(retry ?? '') ? retry : '' });

startPasswordSignIn(form, {
  signIn: async (username, password) => {
    const result = await api('/auth/login', { method: 'POST', body: { username, password } });
    rememberCsrfToken(result.csrfToken);
    location.assign(nextPage());
  },
  refused: (error) => {
    showError(error);
    markInvalidField(form, error);
    if (!error.field) form.password.focus();
  },
});
