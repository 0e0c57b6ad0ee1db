// The trust store's CA certificates: listed and exported by those who view the configuration; imported (PEM files
// chosen or text pasted, many at once) and deleted by holders of manage_certificates. The service says for each
// certificate whether it was imported, already held or refused, and why. CRLs of those CAs come in the same bundle and
// are listed and deleted below the certificates.

import {
  adminApi, adminDownload, saveFile, startConsole, canManageCertificates, explain, showStatus, t, h, cell, rowHeader,
  confirmAction, formatInstant, clearInvalidMarks,
} from './console.js';

const me = await startConsole('trust-store');
const editable = Boolean(me) && canManageCertificates(me);
const table = document.getElementById('certificates');
const form = document.getElementById('import-form');
const results = document.getElementById('import-results');
const crlTable = document.getElementById('crls');

async function reload() {
  let certificates;
  try {
    certificates = await adminApi('/trust-store');
  } catch (error) {
    explain(error);
    return;
  }
  table.tBodies[0].replaceChildren(...certificates.map((certificate) => h('tr', {},
    rowHeader('admin.trustStore.colSubject', certificate.subject),
    cell('admin.trustStore.colIssuer', certificate.issuer),
    cell('admin.trustStore.colNotAfter', formatInstant(certificate.notAfter)),
    cell('admin.trustStore.colKey', certificate.key),
    cell('admin.trustStore.colFingerprint', h('code', {}, certificate.id)),
    editable ? cell('admin.actions', h('button', {
      type: 'button', class: 'danger', 'aria-label': t('admin.trustStore.deleteNamed', { name: certificate.subject }),
      onclick: () => remove(certificate),
    }, t('admin.delete'))) : null)));
  table.hidden = certificates.length === 0;
  document.getElementById('no-certificates').hidden = certificates.length > 0;
}

async function reloadCrls() {
  let crls;
  try {
    crls = await adminApi('/trust-store/crls');
  } catch (error) {
    explain(error);
    return;
  }
  crlTable.tBodies[0].replaceChildren(...crls.map((crl) => h('tr', {},
    rowHeader('admin.trustStore.colIssuer', crl.issuer),
    cell('admin.trustStore.colThisUpdate', formatInstant(crl.thisUpdate)),
    cell('admin.trustStore.colNextUpdate', crl.stale
      ? t('admin.trustStore.stale', { date: formatInstant(crl.nextUpdate) }) : formatInstant(crl.nextUpdate)),
    cell('admin.trustStore.colRevoked', String(crl.count)),
    cell('admin.trustStore.colFingerprint', h('code', {}, crl.id)),
    editable ? cell('admin.actions', h('button', {
      type: 'button', class: 'danger', 'aria-label': t('admin.trustStore.deleteCrlNamed', { issuer: crl.issuer }),
      onclick: () => removeCrl(crl),
    }, t('admin.delete'))) : null)));
  crlTable.hidden = crls.length === 0;
  document.getElementById('no-crls').hidden = crls.length > 0;
}

async function removeCrl(crl) {
  if (!await confirmAction(t('admin.trustStore.confirmDeleteCrl', { issuer: crl.issuer }), t('admin.delete'))) return;
  try {
    await adminApi('/trust-store/crls/' + encodeURIComponent(crl.id), { method: 'DELETE' });
    showStatus(t('admin.trustStore.crlDeleted', { issuer: crl.issuer }), 'success');
  } catch (error) {
    explain(error);
  }
  await reloadCrls();
}

async function remove(certificate) {
  if (!await confirmAction(t('admin.trustStore.confirmDelete', { name: certificate.subject }), t('admin.delete'))) return;
  try {
    await adminApi('/trust-store/' + encodeURIComponent(certificate.id), { method: 'DELETE' });
    showStatus(t('admin.trustStore.deleted', { name: certificate.subject }), 'success');
  } catch (error) {
    explain(error);
  }
  await reload();
  await reloadCrls();
}

function describe(result, name = result.subject) {
  if (result.result === 'imported') return t('admin.trustStore.imported', { name });
  if (result.result === 'duplicate') return t('admin.trustStore.duplicate', { name });
  return t('admin.trustStore.refused', { name, reason: t('admin.trustStore.reason.' + result.reason), detail: result.message });
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearInvalidMarks(form);
  const texts = await Promise.all([...form.files.files].map((file) => file.text()));
  const pem = [...texts, form.pem.value].map((text) => text.trim()).filter(Boolean).join('\n');
  if (!pem) {
    showStatus(t('admin.trustStore.nothingChosen'), 'error');
    return;
  }
  const button = document.getElementById('import-certificates');
  button.disabled = true;
  try {
    const answer = await adminApi('/trust-store', { method: 'POST', body: { pem } });
    results.replaceChildren(...answer.results.map((result) => h('li', { class: result.result }, describe(result))),
      ...(answer.crls || []).map((crl) => h('li', { class: crl.result },
        describe(crl, t('admin.trustStore.crlNamed', { issuer: crl.issuer })))));
    results.hidden = false;
    form.files.value = '';
    form.pem.value = '';
    await reload();
    await reloadCrls();
  } catch (error) {
    explain(error, form);
  } finally {
    button.disabled = false;
  }
});

document.getElementById('export-certificates').addEventListener('click', async () => {
  try {
    saveFile(await adminDownload('/trust-store/ca-certificates.pem', undefined, 'application/x-pem-file'), 'ca-certificates.pem');
  } catch (error) {
    explain(error);
  }
});

if (me) {
  document.getElementById('read-only').hidden = editable;
  document.querySelectorAll('[data-edit-only]').forEach((element) => { element.hidden = !editable; });
  await reload();
  await reloadCrls();
}
