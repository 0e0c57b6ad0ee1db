// The audit log (R-AUD-1) for those who may view logs: events in a time range, filtered by type (or a type prefix
// ending in *), actor, least severity and outcome, newest first, a page at a time, and exported as CSV or JSON lines.
// The server records each reading and each export of the log as an event of its own.

import {
  adminApi, adminDownload, saveFile, startConsole, explain, markInvalid, showStatus, t, h, cell, rowHeader, formatMoment,
} from './console.js';
import { startFilterForm } from './filter-form.js';

const LIMIT = 200;
const DEFAULT_HOURS = 7 * 24;

const me = await startConsole('audit');
const form = document.getElementById('audit-form');
const table = document.getElementById('events');
const summary = document.getElementById('events-summary');
const loadMore = document.getElementById('load-more');
let events = null;
let morePossible = false;
let readTimeRange = null;

function tag(kind, value) {
  const key = `admin.audit.${kind}.${value}`;
  return h('span', { class: `tag ${kind}`, [`data-${kind}`]: value }, t(key) === key ? value : t(key));
}

function eventRow(event) {
  return h('tr', {},
    rowHeader('admin.audit.colTime', h('time', { datetime: event.at }, formatMoment(event.at))),
    cell('admin.audit.colType', h('span', { class: 'code' }, event.type)),
    cell('admin.audit.colActor', event.actor || '–'),
    cell('admin.audit.colSeverity', tag('severity', event.severity)),
    cell('admin.audit.colOutcome', tag('outcome', event.outcome)),
    cell('admin.audit.colSource', event.source ? h('span', { class: 'code' }, event.source) : '–'),
    cell('admin.audit.colDetail', h('span', { class: 'detail' }, event.detail || '–')));
}

function render() {
  if (events === null) return;
  table.tBodies[0].replaceChildren(...events.map(eventRow));
  table.hidden = events.length === 0;
  document.getElementById('no-events').hidden = events.length > 0;
  loadMore.hidden = !morePossible;
  summary.textContent = morePossible ? t('admin.audit.more', { count: events.length }) : t('admin.audit.count', { count: events.length });
}

/** The filter as query parameters, or null once the form has said which field is wrong. */
function readFilter() {
  const range = readTimeRange();
  if (!range) return null;
  const type = form.type.value.trim();
  if (type && !/^[a-z0-9.-]{1,60}\*?$/.test(type)) {
    markInvalid(form, 'type', t('admin.audit.typeInvalid'));
    return null;
  }
  const query = new URLSearchParams();
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  if (type) query.set('type', type);
  for (const name of ['actor', 'severity', 'outcome']) {
    const value = form[name].value.trim();
    if (value) query.set(name, value);
  }
  return query;
}

let shownFilter = null;

async function load(older) {
  const query = older ? new URLSearchParams(shownFilter) : readFilter();
  if (!query) return;
  if (older) query.set('before', String(events[events.length - 1].id));
  query.set('limit', String(LIMIT));
  const button = older ? loadMore : document.getElementById('show-events');
  button.disabled = true;
  showStatus('');
  summary.textContent = t('admin.audit.loading');
  try {
    const page = await adminApi('/audit?' + query);
    if (!older) shownFilter = query;
    events = older ? events.concat(page) : page;
    morePossible = page.length === LIMIT;
    render();
  } catch (error) {
    summary.textContent = '';
    explain(error, form);
  } finally {
    button.disabled = false;
  }
}

async function exportAs(format) {
  const query = readFilter();
  if (!query) return;
  query.set('format', format);
  const button = document.getElementById(`export-${format}`);
  button.disabled = true;
  showStatus('');
  try {
    const file = await adminDownload('/audit/export?' + query, undefined, format === 'csv' ? 'text/csv' : 'application/x-ndjson');
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
    saveFile(file, `vestibule-audit-${stamp}.${format}`);
    showStatus(t('admin.audit.exported'));
  } catch (error) {
    explain(error, form);
  } finally {
    button.disabled = false;
  }
}

if (me) {
  document.getElementById('auditor-tools').hidden = false;
  readTimeRange = startFilterForm(form, {
    prefix: 'audit', searchId: 'show-events', clearId: 'clear-filter', hours: DEFAULT_HOURS, onSearch: () => load(false),
  });
  loadMore.addEventListener('click', () => load(true));
  document.getElementById('export-csv').addEventListener('click', () => exportAs('csv'));
  document.getElementById('export-jsonl').addEventListener('click', () => exportAs('jsonl'));
  document.addEventListener('vestibule:language', render);
  await load(false);
}
