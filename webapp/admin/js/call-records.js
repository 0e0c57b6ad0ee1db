// Call detail records for auditors (R-CDR-4, R-CDR-5): search by time, room, participant and outcome, one record in
// full, an export encrypted to a passphrase, and the check of the records' hash chain. The server audits each of
// these; the page keeps no record once it is left.

import {
  adminApi, adminDownload, saveFile, startConsole, explain, describeError, markInvalid, say, showStatus, clearInvalidMarks,
  t, h, cell, rowHeader, formatMoment,
} from './console.js';
import { markInvalidField } from '../shared/js/page.js';
import { startFilterForm } from './filter-form.js';

const LIMIT = 200;
const SHORTEST_PASSPHRASE = 12;
const DETAIL_FIELDS = ['sequence', 'recordedAt', 'type', 'occurredAt', 'outcome', 'conferenceId', 'roomId', 'participantId', 'role',
  'displayName', 'identity', 'remoteAddress', 'remotePort', 'userAgent', 'durationSeconds', 'encryption', 'detail'];

const me = await startConsole('call-records');
const searchForm = document.getElementById('search-form');
const exportForm = document.getElementById('export-form');
const table = document.getElementById('records');
const detail = document.getElementById('record-detail');
const report = document.getElementById('verify-report');
let records = null;
let criteria = null;
let viewing = null;
let returnFocusTo = null;
let verified = null;
let readTimeRange = null;

const EMPTY = '–';
const PARTICIPANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A code's label when the bundle has one (types, roles), else the code as the records hold it. */
function labelOf(prefix, code) {
  if (!code) return EMPTY;
  const key = prefix + code;
  return t(key) === key ? code : t(key);
}

/** Outcomes whose code is a kind and a detail ("sdp_policy/fingerprint", "ice_timed_out"): the kind is translated. */
const OUTCOME_KINDS = ['sdp_policy/', 'dtls/', 'dtls_', 'ice_'];

/** An outcome in the auditor's language, followed by its code, which is what the outcome search takes. */
function outcomeOf(code) {
  if (!code) return EMPTY;
  const key = 'admin.cdr.outcome.' + code;
  const kind = OUTCOME_KINDS.find((prefix) => code.startsWith(prefix));
  const label = t(key) !== key ? t(key)
    : kind ? t('admin.cdr.outcome.' + kind, { detail: code.slice(kind.length) }) : null;
  return label ? [label, h('span', { class: 'muted code' }, ` ${code}`)] : h('span', { class: 'code' }, code);
}

function formatDuration(seconds) {
  if (seconds === undefined || seconds === null) return EMPTY;
  const whole = Math.max(0, Math.floor(seconds));
  const pad = (number) => String(number).padStart(2, '0');
  const hours = Math.floor(whole / 3600);
  const clock = `${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
  return hours ? `${hours}:${clock}` : clock;
}

function formatRemote(record) {
  if (!record.remoteAddress) return EMPTY;
  if (record.remotePort === undefined || record.remotePort === null) return record.remoteAddress;
  return record.remoteAddress.includes(':') ? `[${record.remoteAddress}]:${record.remotePort}` : `${record.remoteAddress}:${record.remotePort}`;
}

function moment(iso) {
  return iso ? h('time', { datetime: iso }, formatMoment(iso)) : EMPTY;
}

function participantName(record) {
  if (!record.displayName && !record.identity) return EMPTY;
  return [record.displayName || '', record.identity ? h('span', { class: 'muted' }, ` (${record.identity})`) : null];
}

function viewButton(record) {
  return h('button', { type: 'button', class: 'secondary', 'aria-label': t('admin.cdr.viewNamed', { sequence: record.sequence }),
    onclick: (event) => view(record.sequence, event.currentTarget) }, t('admin.cdr.view'));
}

function recordRow(record) {
  const time = rowHeader('admin.cdr.colTime', moment(record.occurredAt || record.recordedAt));
  if (record.unreadable) {
    return h('tr', { 'data-sequence': record.sequence }, time,
      cell('admin.cdr.colType', h('span', { class: 'tag' }, t('admin.cdr.unreadable'))),
      ...['colOutcome', 'colRoom', 'colParticipant', 'colRole', 'colRemote', 'colDuration'].map((column) => cell('admin.cdr.' + column, EMPTY)),
      cell('admin.actions', viewButton(record)));
  }
  return h('tr', { 'data-sequence': record.sequence }, time,
    cell('admin.cdr.colType', labelOf('admin.cdr.type.', record.type)),
    cell('admin.cdr.colOutcome', outcomeOf(record.outcome)),
    cell('admin.cdr.colRoom', record.roomId ? h('span', { class: 'code id' }, record.roomId) : EMPTY),
    cell('admin.cdr.colParticipant', participantName(record)),
    cell('admin.cdr.colRole', labelOf('admin.cdr.role.', record.role)),
    cell('admin.cdr.colRemote', h('span', { class: 'code' }, formatRemote(record))),
    cell('admin.cdr.colDuration', formatDuration(record.durationSeconds)),
    cell('admin.actions', viewButton(record)));
}

function renderRecords() {
  if (records === null) return;
  table.tBodies[0].replaceChildren(...records.map(recordRow));
  table.hidden = records.length === 0;
  document.getElementById('no-records').hidden = records.length > 0;
  // The name's blind index matches whole names only: an empty answer to a name says so, and how to be sure.
  const byName = records.length === 0 && criteria && criteria.participant && !PARTICIPANT_ID.test(criteria.participant);
  const nameHint = document.getElementById('no-records-hint');
  nameHint.textContent = byName ? t('admin.cdr.noneByName', { name: criteria.participant }) : '';
  nameHint.hidden = !byName;
  const summary = document.getElementById('results-summary');
  summary.textContent = records.length >= LIMIT ? t('admin.cdr.limited', { count: LIMIT }) : t('admin.cdr.count', { count: records.length });
}

function detailValue(record, field) {
  const value = record[field];
  if (value === undefined || value === null || value === '') return EMPTY;
  switch (field) {
    case 'recordedAt':
    case 'occurredAt':
      return [moment(value), h('span', { class: 'muted code' }, ` ${value}`)];
    case 'type':
      return [labelOf('admin.cdr.type.', value), h('span', { class: 'muted code' }, ` ${value}`)];
    case 'role':
      return labelOf('admin.cdr.role.', value);
    case 'participantId':
      return [h('span', { class: 'code' }, String(value)), ' ',
        h('button', { type: 'button', class: 'secondary', onclick: () => searchParticipant(String(value)) }, t('admin.cdr.searchParticipant'))];
    case 'outcome':
      return outcomeOf(value);
    case 'durationSeconds':
      return `${formatDuration(value)} (${t('admin.cdr.seconds', { count: value })})`;
    case 'displayName':
    case 'detail':
    case 'userAgent':
    case 'encryption':
      return String(value);
    default:
      return h('span', { class: 'code' }, String(value));
  }
}

function renderDetail() {
  if (!viewing) return;
  document.getElementById('detail-title').textContent = t('admin.cdr.detailTitle', { sequence: viewing.sequence });
  document.getElementById('detail-unreadable').hidden = !viewing.unreadable;
  const fields = viewing.unreadable ? ['sequence', 'recordedAt'] : DETAIL_FIELDS;
  document.getElementById('detail-fields').replaceChildren(...fields.flatMap((field) => [
    h('dt', {}, t('admin.cdr.field.' + field)), h('dd', { 'data-field-name': field }, detailValue(viewing, field))]));
}

async function view(sequence, button) {
  try {
    viewing = await adminApi('/cdrs/' + encodeURIComponent(sequence));
  } catch (error) {
    explain(error);
    return;
  }
  returnFocusTo = button;
  renderDetail();
  detail.hidden = false;
  const title = document.getElementById('detail-title');
  title.focus();
  title.scrollIntoView({ block: 'start' });
}

function closeDetail() {
  detail.hidden = true;
  viewing = null;
  if (returnFocusTo && returnFocusTo.isConnected) returnFocusTo.focus();
  returnFocusTo = null;
}

/** All of one participant's records in the time range, by the id a record shows. */
async function searchParticipant(participantId) {
  closeDetail();
  searchForm.room.value = '';
  searchForm.outcome.value = '';
  searchForm.participant.value = participantId;
  await search();
  searchForm.participant.focus();
}

/**
 * A join link loses its query and fragment before it is sent: an invitation link carries its token there, and the
 * room is named by the path alone.
 */
function roomReference() {
  const typed = searchForm.room.value.trim();
  if (/^https?:\/\//i.test(typed)) searchForm.room.value = typed.replace(/[?#].*$/s, '');
  return searchForm.room.value.trim() || null;
}

/** The search form's criteria as the API takes them, or null after saying which field is wrong. */
function readCriteria() {
  const range = readTimeRange();
  if (!range) return null;
  const text = (input) => input.value.trim() || null;
  return { ...range, room: roomReference(), participant: text(searchForm.participant), outcome: text(searchForm.outcome) };
}

/** What the service said of a room that names nothing (or too much), with what was typed. */
function explainRoom(error, room) {
  records = null;
  table.hidden = true;
  document.getElementById('no-records').hidden = true;
  document.getElementById('no-records-hint').hidden = true;
  const message = error.code === 'room_not_found' ? t('error.room_not_found', { room })
    : t('error.room_ambiguous', { room, count: error.body.rooms });
  markInvalid(searchForm, 'room', message);
}

function queryOf(wanted) {
  const query = new URLSearchParams();
  Object.entries(wanted).forEach(([name, value]) => {
    if (value) query.set(name, value);
  });
  query.set('limit', String(LIMIT));
  return query.toString();
}

async function search() {
  const wanted = readCriteria();
  if (!wanted) return;
  const button = document.getElementById('search');
  button.disabled = true;
  showStatus('');
  clearInvalidMarks(searchForm);
  document.getElementById('results-summary').textContent = t('admin.cdr.searching');
  try {
    records = await adminApi('/cdrs?' + queryOf(wanted));
    criteria = wanted;
    renderRecords();
  } catch (error) {
    document.getElementById('results-summary').textContent = '';
    if (error.code === 'room_not_found' || error.code === 'room_ambiguous') explainRoom(error, wanted.room);
    else explain(error, searchForm);
  } finally {
    button.disabled = false;
  }
}

function chosenFormat() {
  const checked = exportForm.querySelector('input[name="format"]:checked');
  return checked ? checked.value : 'csv';
}

function exportFileName(format) {
  return `call-records.${format}.p7m`;
}

function renderCommand() {
  document.getElementById('export-command').textContent =
    `openssl cms -decrypt -inform DER -in ${exportFileName(chosenFormat())} -pwri_password ${t('admin.cdr.passphrasePlaceholder')}`;
}

async function exportRecords() {
  clearInvalidMarks(exportForm);
  const status = document.getElementById('export-status');
  const passphrase = exportForm.passphrase.value;
  if (passphrase.length < SHORTEST_PASSPHRASE) {
    markInvalid(exportForm, 'passphrase', t('admin.cdr.passphraseShort', { count: SHORTEST_PASSPHRASE }), status);
    return;
  }
  if (passphrase !== exportForm.confirm.value) {
    say(status, t('admin.cdr.passphraseMismatch'), 'error');
    exportForm.confirm.setAttribute('aria-invalid', 'true');
    exportForm.confirm.focus();
    return;
  }
  // The export covers what the last search found; before any search, the form's criteria as they stand.
  const wanted = criteria || readCriteria();
  if (!wanted) return;
  const format = chosenFormat();
  const body = { format, passphrase };
  Object.entries(wanted).forEach(([name, value]) => {
    if (value) body[name] = value;
  });
  const button = document.getElementById('export');
  button.disabled = true;
  say(status, t('admin.cdr.exporting'));
  try {
    const file = await adminDownload('/cdrs/export', body, 'application/pkcs7-mime');
    saveFile(file, exportFileName(format));
    say(status, t('admin.cdr.exported', { file: exportFileName(format) }), 'success');
  } catch (error) {
    say(status, describeError(error), 'error');
    markInvalidField(exportForm, error);
  } finally {
    // The passphrase stays in the page no longer than the request that needs it.
    exportForm.passphrase.value = '';
    exportForm.confirm.value = '';
    button.disabled = false;
  }
}

function renderReport() {
  if (!verified) return;
  const range = verified.recordsChecked > 0
    ? t('admin.cdr.verifyRange', { first: verified.firstSequence, last: verified.lastSequence }) : '';
  const facts = h('dl', { class: 'details' },
    h('dt', {}, t('admin.cdr.verifyRecords')), h('dd', {}, `${verified.recordsChecked}${range ? ' ' + range : ''}`),
    h('dt', {}, t('admin.cdr.verifyCheckpoints')), h('dd', {}, String(verified.checkpointsChecked)),
    h('dt', {}, t('admin.cdr.verifyLastCheckpoint')),
    h('dd', {}, verified.lastCheckpoint ? t('admin.cdr.atRecord', { sequence: verified.lastCheckpoint }) : t('admin.none')));
  const findings = verified.findings || [];
  report.dataset.kind = verified.intact ? 'success' : 'error';
  report.replaceChildren(
    h('p', { class: 'verdict' }, verified.intact ? t('admin.cdr.intact') : t('admin.cdr.broken', { count: findings.length })),
    facts);
  if (findings.length) {
    report.append(h('ul', { class: 'findings' }, findings.map((finding) => h('li', {},
      h('strong', {}, t('admin.cdr.atRecord', { sequence: finding.sequence })), ': ', finding.problem))));
  }
  report.hidden = false;
}

async function verify() {
  const button = document.getElementById('verify');
  button.disabled = true;
  verified = null;
  report.dataset.kind = 'info';
  report.replaceChildren(h('p', {}, t('admin.cdr.verifying')));
  report.hidden = false;
  try {
    verified = await adminApi('/cdrs/verify', { method: 'POST' });
    renderReport();
  } catch (error) {
    report.dataset.kind = 'error';
    report.replaceChildren(h('p', {}, describeError(error)));
  } finally {
    button.disabled = false;
  }
}

function render() {
  renderCommand();
  renderRecords();
  renderDetail();
  renderReport();
}

if (me) {
  document.getElementById('auditor-tools').hidden = false;
  readTimeRange = startFilterForm(searchForm, {
    prefix: 'cdr', searchId: 'search', clearId: 'clear-search', hours: 24, onSearch: search,
  });
  render();
  exportForm.addEventListener('submit', (event) => {
    event.preventDefault();
    exportRecords();
  });
  exportForm.querySelectorAll('input[name="format"]').forEach((radio) => radio.addEventListener('change', renderCommand));
  document.getElementById('close-detail').addEventListener('click', closeDetail);
  document.getElementById('verify').addEventListener('click', verify);
  document.addEventListener('vestibule:language', render);
  await search();
}
