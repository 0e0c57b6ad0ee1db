// How administrators authenticate (R-ADM-2, R-ADM-5, R-ADM-7): source, client certificate, banner, idle timeout.
// Changes that could lock the signed-in administrator out are confirmed first.

import {
  startConsole, canChangeConfiguration, confirmAction, showStatus, showSettings, saveSettings, clearInvalidMarks, t,
} from './console.js';

const me = await startConsole('settings');
const editable = Boolean(me) && canChangeConfiguration(me);
const form = document.getElementById('settings-form');
let settings = null;

function fill(values) {
  settings = values;
  form.authenticationSource.value = settings.authenticationSource;
  form.clientCertificate.value = settings.clientCertificate;
  form.banner.value = settings.banner || '';
  form.sessionIdleMinutes.value = settings.sessionIdleMinutes;
}

/** Asks before a change that takes a way of signing in away from the administrator making it. */
async function confirmRiskyChanges(changed) {
  if (changed.clientCertificate !== 'not_required' && settings.clientCertificate === 'not_required'
      && !await confirmAction(t('admin.settings.confirmCertificate'), t('admin.settings.confirmYes'))) return false;
  if (changed.authenticationSource === 'ldap' && settings.authenticationSource !== 'ldap' && me.source === 'local'
      && !await confirmAction(t('admin.settings.confirmLdapOnly'), t('admin.settings.confirmYes'))) return false;
  return true;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!editable) return;
  clearInvalidMarks(form);
  const minutes = Number(form.sessionIdleMinutes.value);
  if (!Number.isInteger(minutes) || minutes < 1) {
    showStatus(t('admin.settings.idleInvalid'), 'error');
    form.sessionIdleMinutes.setAttribute('aria-invalid', 'true');
    form.sessionIdleMinutes.focus();
    return;
  }
  const changed = {
    authenticationSource: form.authenticationSource.value,
    clientCertificate: form.clientCertificate.value,
    banner: form.banner.value,
    sessionIdleMinutes: minutes,
  };
  if (!await confirmRiskyChanges(changed)) return;
  await saveSettings(form, '/settings', changed,
    { button: document.getElementById('save-settings'), fill, savedMessage: t('admin.settings.saved') });
});

if (me) {
  document.getElementById('read-only').hidden = editable;
  await showSettings(form, '/settings', { editable, fill });
}
