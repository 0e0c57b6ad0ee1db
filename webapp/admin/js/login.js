// The console's sign-in page: the banner first, then the ways of signing in the service offers (password,
// certificate) and, beside them while no local administrator or Auditor exists, the first-start setup.

import {
  publicApi, hasSession, forgetSession, enterConsole, rememberPasswordExpired, takeNotice, startFrame, explain,
  describeError, showStatus, confirmationDiffers, t, LOGIN_PAGE, HOME_PAGE, PASSWORD_PAGE,
} from './console.js';
import { startPasswordSignIn } from '../shared/js/page.js';

const bannerSection = document.getElementById('banner-section');
const bannerRetry = document.getElementById('banner-retry');
const setupForm = document.getElementById('setup-form');
const signInForm = document.getElementById('sign-in-form');
const certificateSection = document.getElementById('certificate-login');
const certificateButton = document.getElementById('certificate-sign-in');
let offer = null;

await startFrame({ home: LOGIN_PAGE, account: false });
const notice = takeNotice();
if (notice) showStatus(t('admin.notice.' + notice), notice === 'session_expired' ? 'error' : 'info');

if (hasSession()) {
  try {
    await publicApi('/me');
    location.replace(HOME_PAGE);
  } catch {
    forgetSession();
  }
}

async function loadBanner() {
  bannerRetry.hidden = true;
  try {
    offer = await publicApi('/banner');
  } catch (error) {
    showStatus(t('admin.login.bannerFailed') + ' ' + describeError(error), 'error');
    bannerRetry.hidden = false;
    return;
  }
  document.getElementById('banner').textContent = offer.banner || '';
  bannerSection.hidden = !offer.banner;
  showWaysToSignIn();
}

function showWaysToSignIn() {
  if (!offer) return;
  const certificateRequired = Boolean(offer.certificateLogin) && offer.certificateLogin !== 'not_required';
  setupForm.hidden = !offer.setupRequired && !offer.auditorSetupRequired;
  // Once the administrator exists, the same form creates the first Auditor, beside the sign-in.
  labelSetupFor(offer.setupRequired ? 'admin.setup' : 'admin.auditorSetup');
  // Directory administrators sign in before the first local administrator exists.
  signInForm.hidden = !offer.passwordLogin;
  certificateSection.hidden = false;
  certificateButton.classList.toggle('secondary', !certificateRequired);
  document.getElementById('certificate-hint').textContent =
    t(certificateRequired ? 'admin.login.certificateRequiredHint' : 'admin.login.certificateOptionalHint');
}

function labelSetupFor(prefix) {
  for (const [id, key] of [['setup-title', 'title'], ['setup-intro', 'intro'], ['setup-username-label', 'username'],
    ['setup-password-label', 'password'], ['setup-submit', 'submit']]) {
    const element = document.getElementById(id);
    element.dataset.i18n = `${prefix}.${key}`;
    element.textContent = t(element.dataset.i18n);
  }
  if (prefix === 'admin.auditorSetup' && setupForm.username.value === 'admin') setupForm.username.value = 'auditor';
}

function passwordChangeRequired(login) {
  // The contract answers 403 password_expired; an account flagged mustChangePassword is sent the same way.
  return Boolean(login.user && login.user.mustChangePassword);
}

startPasswordSignIn(signInForm, {
  signIn: async (username, password) => {
    const login = await publicApi('/auth/login', { method: 'POST', body: { username, password } });
    enterConsole(login, passwordChangeRequired(login) ? PASSWORD_PAGE : undefined);
  },
  refused: (error, username) => {
    if (error.code === 'password_expired') {
      rememberPasswordExpired(username);
      location.assign(PASSWORD_PAGE);
      return;
    }
    explain(error, signInForm);
    if (error.code === 'certificate_required') certificateButton.focus();
    else if (!error.field) signInForm.password.focus();
  },
});

certificateButton.addEventListener('click', async () => {
  certificateButton.disabled = true;
  showStatus(t('admin.login.checkingCertificate'));
  try {
    enterConsole(await publicApi('/auth/certificate', { method: 'POST' }));
  } catch (error) {
    explain(error);
  } finally {
    certificateButton.disabled = false;
  }
});

setupForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const setupCode = setupForm.setupCode.value.trim();
  const username = setupForm.username.value.trim();
  const password = setupForm.password.value;
  setupForm.confirm.removeAttribute('aria-invalid');
  if (!setupCode || !username || !password) {
    showStatus(t('admin.setup.missing'), 'error');
    (!setupCode ? setupForm.setupCode : !username ? setupForm.username : setupForm.password).focus();
    return;
  }
  if (confirmationDiffers(setupForm.password, setupForm.confirm)) return;
  const button = document.getElementById('setup-submit');
  button.disabled = true;
  try {
    const created = await publicApi('/setup', { method: 'POST', body: { setupCode, username, password } });
    setupForm.reset();
    offer = created.role === 'Auditor' ? { ...offer, auditorSetupRequired: false } : { ...offer, setupRequired: false };
    showWaysToSignIn();
    signInForm.username.value = created.username || username;
    showStatus(t('admin.setup.done', { username: created.username || username }), 'success');
    signInForm.password.focus();
  } catch (error) {
    setupForm.password.value = '';
    setupForm.confirm.value = '';
    explain(error, setupForm);
    if (error.code === 'setup_closed') await loadBanner();
  } finally {
    button.disabled = false;
  }
});

document.getElementById('retry-banner').addEventListener('click', loadBanner);
document.addEventListener('vestibule:language', showWaysToSignIn);
await loadBanner();
