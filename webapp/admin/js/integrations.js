// Calendar integrations: listed to those who view the configuration; created and deleted by those who manage
// integrations. A new integration's secret is shown once, in a panel the administrator closes after copying it, and
// is kept nowhere else by the page.

import {
  adminApi, startConsole, canManageIntegrations, explain, showStatus, t, h, cell, rowHeader, confirmAction, formatInstant,
  clearInvalidMarks,
} from './console.js';

const me = await startConsole('integrations');
const table = document.getElementById('integrations');
const form = document.getElementById('integration-form');
const panel = document.getElementById('secret-panel');
const secretField = document.getElementById('new-integration-secret');
let integrations = [];

async function reload() {
  try {
    integrations = await adminApi('/integrations');
  } catch (error) {
    explain(error);
    return;
  }
  render();
}

function render() {
  const editable = canManageIntegrations(me);
  table.tBodies[0].replaceChildren(...integrations.map((integration) => h('tr', {},
    rowHeader('admin.integrations.colName', integration.name),
    cell('admin.integrations.colDomains', h('ul', { class: 'plain' }, integration.organizerDomains.map((domain) => h('li', {}, domain)))),
    cell('admin.integrations.colId', h('code', {}, integration.id)),
    cell('admin.integrations.colCreated', t('admin.integrations.createdBy', {
      time: formatInstant(integration.createdAt), name: integration.createdBy,
    })),
    editable ? cell('admin.actions', h('button', {
      type: 'button', class: 'danger', 'aria-label': t('admin.integrations.deleteNamed', { name: integration.name }),
      onclick: () => remove(integration),
    }, t('admin.delete'))) : null)));
  table.hidden = integrations.length === 0;
  document.getElementById('no-integrations').hidden = integrations.length > 0;
}

function forgetSecret() {
  secretField.value = '';
  document.getElementById('new-integration-id').value = '';
  panel.hidden = true;
}

function showSecret(created) {
  document.getElementById('new-integration-id').value = created.id;
  secretField.value = created.secret;
  panel.hidden = false;
  secretField.focus();
  secretField.select();
}

async function remove(integration) {
  if (!await confirmAction(t('admin.integrations.confirmDelete', { name: integration.name }), t('admin.delete'))) return;
  try {
    await adminApi('/integrations/' + encodeURIComponent(integration.id), { method: 'DELETE' });
    showStatus(t('admin.integrations.deleted', { name: integration.name }), 'success');
  } catch (error) {
    explain(error);
  }
  await reload();
}

function closeForm() {
  form.reset();
  form.hidden = true;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearInvalidMarks(form);
  const body = {
    name: form.name.value.trim(),
    organizerDomains: form.organizerDomains.value.split('\n').map((line) => line.trim()).filter(Boolean),
  };
  if (!body.name) {
    showStatus(t('admin.integrations.missingName'), 'error');
    form.name.focus();
    return;
  }
  const save = document.getElementById('save-integration');
  save.disabled = true;
  try {
    const created = await adminApi('/integrations', { method: 'POST', body });
    closeForm();
    showStatus(t('admin.integrations.created', { name: created.name }), 'success');
    showSecret(created);
    await reload();
  } catch (error) {
    explain(error, form);
  } finally {
    save.disabled = false;
  }
});

document.getElementById('copy-secret').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(secretField.value);
    showStatus(t('admin.integrations.secretCopied'), 'success');
  } catch {
    // The browser refused the clipboard: the secret stays selected in its field, to be copied by hand.
    secretField.focus();
    secretField.select();
    showStatus(t('admin.integrations.copyRefused'), 'error');
  }
});
document.getElementById('forget-secret').addEventListener('click', forgetSecret);
document.getElementById('cancel-integration').addEventListener('click', closeForm);
document.getElementById('new-integration').addEventListener('click', () => {
  form.hidden = false;
  form.name.focus();
});

if (me) {
  await reload();
  const editable = canManageIntegrations(me);
  document.querySelectorAll('[data-edit-only]').forEach((element) => {
    element.hidden = !editable;
  });
  document.getElementById('read-only').hidden = editable;
  document.addEventListener('vestibule:language', render);
}
