// The listeners' certificates (issue 19): signing requests, uploads and assignments. Keys never come to the page
// except the one an administrator pastes to upload, which is sent once and never shown again.

import {
  adminApi, startConsole, canManageCertificates, explain, showStatus, t, h, cell, rowHeader, formatInstant,
} from './console.js';

const me = await startConsole('certificates');
const editable = Boolean(me) && canManageCertificates(me);

/** The choice that ends a listener's assignment: it presents the service's self-signed certificate again. */
const SELF_SIGNED = 'self-signed';

function options(select, certificates, blank) {
  select.replaceChildren(h('option', { value: '' }, blank),
    ...certificates.map((certificate) => h('option', { value: certificate.id }, certificate.subject)));
}

function download(name, text) {
  const link = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'application/pkcs10' })), download: name });
  link.click();
  URL.revokeObjectURL(link.href);
}

async function remove(certificate) {
  try {
    await adminApi(`/certificates/${certificate.id}`, { method: 'DELETE' });
    showStatus(t('admin.certificates.deleted'), 'success');
  } catch (error) {
    explain(error);
  }
  await reload();
}

async function reload() {
  try {
    const installed = await adminApi('/certificates');
    document.getElementById('installed').tBodies[0].replaceChildren(...installed.map((certificate) => h('tr', {},
      rowHeader('admin.certificates.colSubject', certificate.subject),
      cell('admin.certificates.colIssuer', certificate.issuer),
      cell('admin.certificates.colNames', certificate.subjectAlternativeNames.join(', ')),
      cell('admin.certificates.colExpires', formatInstant(certificate.notAfter)),
      cell('admin.certificates.colUsedBy', certificate.usedBy.join(', ')),
      cell('admin.certificates.colActions', editable && certificate.usedBy.length === 0
        ? h('button', { type: 'button', onclick: () => remove(certificate) }, t('admin.certificates.delete')) : ''))));
    if (!editable) return;
    const pending = await adminApi('/certificates/requests');
    document.getElementById('pending').replaceChildren(...pending.map((request) => h('li', {}, `${request.subject} `,
      h('button', { type: 'button', onclick: async () => download(`vestibule-${request.id}.csr`, await (await fetch(
        `/admin/api/v1/certificates/requests/${request.id}/csr`, { credentials: 'same-origin' })).text()) },
      t('admin.certificates.download')))));
    options(document.getElementById('upload-request'), pending, t('admin.certificates.noRequest'));
    ['portal', 'admin'].forEach((listener) => {
      const select = document.getElementById(`assign-${listener}`);
      options(select, installed, t('admin.certificates.unchanged'));
      select.append(h('option', { value: SELF_SIGNED }, t('admin.certificates.selfSigned')));
    });
  } catch (error) {
    explain(error);
  }
}

document.getElementById('request-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const subject = {};
  ['CN', 'O', 'C'].forEach((name) => { if (form.elements[name].value.trim()) subject[name] = form.elements[name].value.trim(); });
  const body = {
    keyType: form.elements.keyType.value,
    subject,
    dnsNames: form.elements.dnsNames.value.split('\n').map((line) => line.trim()).filter(Boolean),
  };
  if (form.elements.msTemplate.value.trim()) body.msTemplate = form.elements.msTemplate.value.trim();
  try {
    const created = await adminApi('/certificates/requests', { method: 'POST', body });
    download(`vestibule-${created.id}.csr`, created.csr);
    showStatus(t('admin.certificates.requestCreated'), 'success');
  } catch (error) {
    explain(error);
  }
  await reload();
});

document.getElementById('upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const request = document.getElementById('upload-request').value;
  const chain = document.getElementById('upload-chain').value;
  const key = document.getElementById('upload-key');
  const passphrase = document.getElementById('upload-passphrase');
  try {
    if (request) {
      await adminApi(`/certificates/requests/${request}/certificate`, { method: 'POST', body: { certificates: chain } });
    } else {
      const body = { format: 'pem', certificates: chain, privateKey: key.value };
      if (passphrase.value) body.passphrase = passphrase.value;
      await adminApi('/certificates', { method: 'POST', body });
    }
    showStatus(t('admin.certificates.installed'), 'success');
  } catch (error) {
    explain(error);
  } finally {
    key.value = '';
    passphrase.value = '';
  }
  await reload();
});

document.getElementById('assign-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {};
  const backToSelfSigned = [];
  ['portal', 'admin'].forEach((listener) => {
    const chosen = document.getElementById(`assign-${listener}`).value;
    if (chosen === SELF_SIGNED) backToSelfSigned.push(listener);
    else if (chosen) body[listener] = chosen;
  });
  try {
    let answer = null;
    if (Object.keys(body).length > 0) answer = await adminApi('/certificates/assignments', { method: 'PUT', body });
    for (const listener of backToSelfSigned) {
      answer = await adminApi(`/certificates/assignments/${listener}`, { method: 'DELETE' });
    }
    if (answer) {
      showStatus(answer.configuredFilesWin ? t('admin.certificates.assignedFilesWin') : t('admin.certificates.assigned'), 'success');
    }
  } catch (error) {
    explain(error);
  }
  await reload();
});

if (me) {
  document.querySelectorAll('[data-edit-only]').forEach((element) => { element.hidden = !editable; });
  await reload();
}
