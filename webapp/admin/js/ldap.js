// The directory connection (R-ADM-3): shown to those who may view the configuration, saved by those who may change
// it; "Test connection" tries the form's values before they are saved and says at which stage a failure happened.

import {
  adminApi, startConsole, canChangeConfiguration, explain, showStatus, showSettings, clearInvalidMarks, t,
} from './console.js';

const me = await startConsole('ldap');
const editable = Boolean(me) && canChangeConfiguration(me);
const form = document.getElementById('ldap-form');
const result = document.getElementById('test-result');
let settings = null;
let lastTest = null;

function fill(values) {
  settings = values;
  form.url.value = settings.url || '';
  form.transport.value = settings.transport || 'starttls';
  form.allowInsecureTransport.checked = Boolean(settings.allowInsecureTransport);
  form.bindDn.value = settings.bindDn || '';
  form.bindPassword.value = '';
  form.userBaseDn.value = settings.userBaseDn || '';
  form.userNameAttribute.value = settings.userNameAttribute || '';
  form.userObjectClass.value = settings.userObjectClass || '';
  describe();
}

/** Texts that depend on the values: the stored password's state and the plaintext warning. */
function describe() {
  if (settings) {
    document.getElementById('ldap-bind-password-state').textContent =
      t(settings.bindPasswordSet ? 'admin.ldap.bindPasswordSet' : 'admin.ldap.bindPasswordUnset');
  }
  document.getElementById('ldap-insecure-warning').hidden =
    form.transport.value !== 'none' && !form.allowInsecureTransport.checked;
  if (lastTest) showTestResult(lastTest);
}

/** The form's values; the bind password only when one was typed (left out, the stored one stays). */
function formValues() {
  const values = {
    url: form.url.value.trim(),
    transport: form.transport.value,
    allowInsecureTransport: form.allowInsecureTransport.checked,
    bindDn: form.bindDn.value.trim(),
    userBaseDn: form.userBaseDn.value.trim(),
    userNameAttribute: form.userNameAttribute.value.trim(),
    userObjectClass: form.userObjectClass.value.trim(),
  };
  if (form.bindPassword.value) values.bindPassword = form.bindPassword.value;
  return values;
}

function showTestResult(test) {
  lastTest = test;
  const stage = t('admin.ldap.stage.' + test.stage);
  const summary = test.ok ? t('admin.ldap.testOk') : t('admin.ldap.testFailed', { stage });
  result.textContent = test.message ? `${summary} ${test.message}` : summary;
  result.dataset.kind = test.ok ? 'success' : 'error';
  result.hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!editable) return;
  clearInvalidMarks(form);
  const button = document.getElementById('save-ldap');
  button.disabled = true;
  try {
    const saved = await adminApi('/ldap', { method: 'PUT', body: formValues() });
    fill(saved || await adminApi('/ldap'));
    showStatus(t('admin.ldap.saved'), 'success');
  } catch (error) {
    explain(error, form);
  } finally {
    button.disabled = false;
  }
});

document.getElementById('test-ldap').addEventListener('click', async () => {
  const button = document.getElementById('test-ldap');
  button.disabled = true;
  lastTest = null;
  result.hidden = false;
  result.dataset.kind = 'info';
  result.textContent = t('admin.ldap.testing');
  try {
    // Those who may not change the settings test the saved ones: the body is left out.
    showTestResult(await adminApi('/ldap/test', { method: 'POST', body: editable ? formValues() : undefined }));
  } catch (error) {
    result.hidden = true;
    explain(error, form);
  } finally {
    button.disabled = false;
  }
});

if (me) {
  document.getElementById('read-only').hidden = editable;
  form.transport.addEventListener('change', describe);
  form.allowInsecureTransport.addEventListener('change', describe);
  document.addEventListener('vestibule:language', describe);
  await showSettings(form, '/ldap', { editable, fill });
}
