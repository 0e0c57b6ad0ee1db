// The key hierarchy by name and date (never a key), and the rotation of key-encryption keys (issue 18: nothing in the
// console called it before). The rotation is audited by the service as keys.rotate.

import {
  adminApi, startConsole, canChangeConfiguration, explain, showStatus, t, h, cell, rowHeader, confirmAction, formatInstant,
} from './console.js';

const me = await startConsole('keys');
const editable = Boolean(me) && canChangeConfiguration(me);

function render(keys) {
  document.getElementById('current-kek').textContent = keys.keyEncryptionKey;
  document.getElementById('call-record-kek').textContent = keys.callRecordKeyEncryptionKeys;
  const table = document.getElementById('data-keys');
  table.tBodies[0].replaceChildren(...keys.dataKeys.map((key) => h('tr', {},
    rowHeader('admin.keys.colPurpose', key.purpose),
    cell('admin.keys.colId', String(key.id)),
    cell('admin.keys.colKek', h('code', {}, key.keyEncryptionKey)),
    cell('admin.keys.colCreated', formatInstant(key.createdAt)))));
  table.hidden = keys.dataKeys.length === 0;
  document.getElementById('no-data-keys').hidden = keys.dataKeys.length > 0;
}

async function reload() {
  try {
    render(await adminApi('/keys'));
  } catch (error) {
    explain(error);
  }
}

document.getElementById('rotate-keys').addEventListener('click', async () => {
  if (!await confirmAction(t('admin.keys.confirmRotate'), t('admin.keys.rotate'))) return;
  const button = document.getElementById('rotate-keys');
  button.disabled = true;
  try {
    const rotated = await adminApi('/keys/rotate', { method: 'POST' });
    showStatus(t('admin.keys.rotated', { name: rotated.keyEncryptionKey, retired: rotated.dataKeysRetired.length }), 'success');
  } catch (error) {
    explain(error);
  } finally {
    button.disabled = false;
  }
  await reload();
});

if (me) {
  document.getElementById('read-only').hidden = editable;
  document.querySelectorAll('[data-edit-only]').forEach((element) => { element.hidden = !editable; });
  await reload();
}
