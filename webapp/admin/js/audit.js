// The audit log (R-AUD-1) for those who may view logs: events in a time range, of one type or all, newest first.
// The server records each reading of the log as an event of its own.

import { adminApi, startConsole, explain, showStatus, t, h, cell, formatMoment } from './console.js';
import { browserTimeZone, instantOf, startHoursAgo } from './time-range.js';

const LIMIT = 200;
const DEFAULT_HOURS = 7 * 24;

const me = await startConsole('audit');
const form = document.getElementById('audit-form');
const table = document.getElementById('events');
const summary = document.getElementById('events-summary');
let events = null;

function outcomeTag(outcome) {
  const key = 'admin.audit.outcome.' + outcome;
  return h('span', { class: 'tag outcome', 'data-outcome': outcome }, t(key) === key ? outcome : t(key));
}

function eventRow(event) {
  return h('tr', {},
    h('th', { scope: 'row', 'data-label': t('admin.audit.colTime') }, h('time', { datetime: event.at }, formatMoment(event.at))),
    cell('admin.audit.colType', h('span', { class: 'code' }, event.type)),
    cell('admin.audit.colActor', event.actor || '–'),
    cell('admin.audit.colOutcome', outcomeTag(event.outcome)),
    cell('admin.audit.colSource', event.source ? h('span', { class: 'code' }, event.source) : '–'),
    cell('admin.audit.colDetail', h('span', { class: 'detail' }, event.detail || '–')));
}

function render() {
  document.getElementById('audit-zone').textContent = t('admin.filter.zoneHint', { zone: browserTimeZone() });
  if (events === null) return;
  table.tBodies[0].replaceChildren(...events.map(eventRow));
  table.hidden = events.length === 0;
  document.getElementById('no-events').hidden = events.length > 0;
  summary.textContent = events.length >= LIMIT ? t('admin.audit.limited', { count: LIMIT }) : t('admin.audit.count', { count: events.length });
}

function invalid(field, message) {
  showStatus(message, 'error');
  const input = form.querySelector(`[data-field="${field}"]`);
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

async function load() {
  form.querySelectorAll('[aria-invalid="true"]').forEach((field) => field.removeAttribute('aria-invalid'));
  const from = instantOf(form.from);
  const to = instantOf(form.to);
  if (from === undefined || to === undefined) {
    invalid(from === undefined ? 'from' : 'to', t('admin.filter.badTime'));
    return;
  }
  if (from && to && from >= to) {
    invalid('from', t('admin.filter.fromAfterTo'));
    return;
  }
  const type = form.type.value.trim();
  if (type && !/^[a-z0-9.-]+$/.test(type)) {
    invalid('type', t('admin.audit.typeInvalid'));
    return;
  }
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  if (type) query.set('type', type);
  query.set('limit', String(LIMIT));
  const button = document.getElementById('show-events');
  button.disabled = true;
  showStatus('');
  summary.textContent = t('admin.audit.loading');
  try {
    events = await adminApi('/audit?' + query);
    render();
  } catch (error) {
    summary.textContent = '';
    explain(error, form);
  } finally {
    button.disabled = false;
  }
}

if (me) {
  document.getElementById('auditor-tools').hidden = false;
  startHoursAgo(form.from, DEFAULT_HOURS);
  render();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    load();
  });
  document.getElementById('clear-filter').addEventListener('click', () => {
    form.reset();
    form.querySelectorAll('[aria-invalid="true"]').forEach((field) => field.removeAttribute('aria-invalid'));
    startHoursAgo(form.from, DEFAULT_HOURS);
    form.from.focus();
  });
  document.addEventListener('vestibule:language', render);
  await load();
}
