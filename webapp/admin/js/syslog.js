// The syslog servers audit events are forwarded to (issue 18, R-AUD-3), each one's state, and "send test message".

import {
  startConsole, canChangeConfiguration, showSettings, saveSettings, clearInvalidMarks, adminApi, explain, formatMoment, h, t,
} from './console.js';

const me = await startConsole('syslog');
const editable = Boolean(me) && canChangeConfiguration(me);
const form = document.getElementById('syslog-form');
const result = document.getElementById('test-result');

function connection(state) {
  if (state.connected) return t('admin.syslog.connected');
  if (state.failure) return t('admin.syslog.failing', { reason: state.failure });
  return t('admin.syslog.idle');
}

function fill(settings) {
  form.servers.value = (settings.servers || []).join('\n');
  form.queueLimit.value = settings.queueLimit;
  document.getElementById('syslog-trust').textContent = settings.trust || '';
  const states = settings.status || [];
  document.getElementById('syslog-none').hidden = states.length > 0;
  const table = document.getElementById('syslog-state');
  table.hidden = states.length === 0;
  table.tBodies[0].replaceChildren(...states.map((state) => h('tr', {},
    h('th', { scope: 'row' }, state.server),
    h('td', {}, connection(state)),
    h('td', {}, t('admin.syslog.queuedOf', { queued: state.queued, limit: state.queueLimit })),
    h('td', {}, String(state.dropped)),
    h('td', {}, formatMoment(state.lastDelivery)))));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!editable) return;
  clearInvalidMarks(form);
  const changed = {
    servers: form.servers.value.split('\n').map((line) => line.trim()).filter((line) => line !== ''),
    queueLimit: Number(form.queueLimit.value),
  };
  await saveSettings(form, '/syslog', changed,
    { button: document.getElementById('save-syslog'), fill, savedMessage: t('admin.syslog.saved') });
});

document.getElementById('test-syslog').addEventListener('click', async () => {
  const button = document.getElementById('test-syslog');
  button.disabled = true;
  result.hidden = false;
  result.dataset.kind = 'info';
  result.textContent = t('admin.syslog.testing');
  try {
    const test = await adminApi('/syslog/test', { method: 'POST' });
    result.dataset.kind = test.ok ? 'success' : 'error';
    result.replaceChildren(...test.results.map((one) => h('p', {}, one.ok
      ? t('admin.syslog.testSent', { server: one.server })
      : t('admin.syslog.testFailed', { server: one.server, reason: t('admin.syslog.reason.' + one.reason), message: one.message }))));
  } catch (error) {
    result.hidden = true;
    explain(error, form);
  } finally {
    button.disabled = false;
  }
});

if (me) {
  document.getElementById('read-only').hidden = editable;
  await showSettings(form, '/syslog', { editable, fill });
}
