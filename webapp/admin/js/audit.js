// The audit log (R-AUD-1) for those who may view logs: events in a time range, of one type or all, newest first.
// The server records each reading of the log as an event of its own.

import { adminApi, startConsole, explain, markInvalid, showStatus, t, h, cell, rowHeader, formatMoment } from './console.js';
import { startFilterForm } from './filter-form.js';

const LIMIT = 200;
const DEFAULT_HOURS = 7 * 24;

const me = await startConsole('audit');
const form = document.getElementById('audit-form');
const table = document.getElementById('events');
const summary = document.getElementById('events-summary');
let events = null;
let readTimeRange = null;

function outcomeTag(outcome) {
  const key = 'admin.audit.outcome.' + outcome;
  return h('span', { class: 'tag outcome', 'data-outcome': outcome }, t(key) === key ? outcome : t(key));
}

function eventRow(event) {
  return h('tr', {},
    rowHeader('admin.audit.colTime', h('time', { datetime: event.at }, formatMoment(event.at))),
    cell('admin.audit.colType', h('span', { class: 'code' }, event.type)),
    cell('admin.audit.colActor', event.actor || '–'),
    cell('admin.audit.colOutcome', outcomeTag(event.outcome)),
    cell('admin.audit.colSource', event.source ? h('span', { class: 'code' }, event.source) : '–'),
    cell('admin.audit.colDetail', h('span', { class: 'detail' }, event.detail || '–')));
}

function render() {
  if (events === null) return;
  table.tBodies[0].replaceChildren(...events.map(eventRow));
  table.hidden = events.length === 0;
  document.getElementById('no-events').hidden = events.length > 0;
  summary.textContent = events.length >= LIMIT ? t('admin.audit.limited', { count: LIMIT }) : t('admin.audit.count', { count: events.length });
}

async function load() {
  const range = readTimeRange();
  if (!range) return;
  const type = form.type.value.trim();
  if (type && !/^[a-z0-9.-]+$/.test(type)) {
    markInvalid(form, 'type', t('admin.audit.typeInvalid'));
    return;
  }
  const query = new URLSearchParams();
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
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
  readTimeRange = startFilterForm(form, {
    prefix: 'audit', searchId: 'show-events', clearId: 'clear-filter', hours: DEFAULT_HOURS, onSearch: load,
  });
  document.addEventListener('vestibule:language', render);
  await load();
}
