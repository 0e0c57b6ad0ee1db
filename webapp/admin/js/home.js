// The console's overview: who is signed in, with which roles and permissions, the pages they open, and the dashboard
// (R-UI-2): active and recently cleared alarms for holders of view_alarms, the conferences running now for holders of
// view_rooms, refreshed every few seconds. Holders of lift_blocks lift a break-in block from its alarm's row.

import {
  adminApi, startConsole, permissionLabel, listsPermission, formatInstant, explain, h, t, cell, rowHeader, showStatus, PAGES,
} from './console.js';

const REFRESH_SECONDS = 10;
const RECENTLY_CLEARED = 20;

const me = await startConsole('home');
const holds = (permission) => (me.permissions || []).includes(permission);
let dashboard = { alarms: null, blocks: null, conferences: null, at: null };

function renderAccount() {
  document.getElementById('account-name').textContent = `${me.displayName || me.username} (${me.username})`;
  document.getElementById('account-source').textContent = t('admin.home.source.' + me.source);
  document.getElementById('account-roles').textContent = (me.roles || []).join(', ') || t('admin.none');
  document.getElementById('account-permissions').replaceChildren(
    ...(me.permissions || []).filter(listsPermission).map((name) => h('li', {}, permissionLabel({ name }))));
  document.getElementById('account-password-expires').textContent =
    me.source === 'local' ? formatInstant(me.passwordExpiresAt) : t('admin.home.passwordInDirectory');
  document.getElementById('account').hidden = false;
  const pages = PAGES.filter((page) => page.id !== 'home' && page.allowed(me));
  document.getElementById('page-list').replaceChildren(...pages.map((page) => h('li', {},
    h('a', { href: page.href }, t(page.key)), h('span', { class: 'muted' }, t('admin.home.about.' + page.id)))));
  document.getElementById('no-pages').hidden = pages.some((page) => page.id !== 'password');
}

function fillTable(tableId, emptyId, rows) {
  const table = document.getElementById(tableId);
  table.querySelector('tbody').replaceChildren(...rows);
  table.hidden = rows.length === 0;
  document.getElementById(emptyId).hidden = rows.length > 0;
}

function alarmRow(alarm, lastColumn, lastValue, ...more) {
  return h('tr', { 'data-alarm-type': alarm.type },
    rowHeader('admin.home.colAlarmType', h('span', { class: 'code' }, alarm.type)),
    cell('admin.home.colSubject', alarm.subject),
    cell('admin.home.colDetail', alarm.detail),
    cell('admin.home.colSince', formatInstant(alarm.raisedAt)),
    cell(lastColumn, lastValue),
    ...more);
}

async function liftBlock(block, button) {
  button.disabled = true;
  try {
    await adminApi('/blocks/lift', { method: 'POST', body: { kind: block.kind, subject: block.subject } });
    showStatus(t('admin.home.blockLifted', { subject: block.subject }), 'success');
  } catch (error) {
    explain(error);
  }
  await refreshDashboard();
}

/** The "Lift block" cell of an active alarm: a button when a block the administrator may lift raised it. */
function liftCell(alarm) {
  const block = (dashboard.blocks || []).find((candidate) => candidate.alarm === alarm.id && candidate.subject);
  if (!block) return cell('admin.home.colActions');
  const button = h('button', { type: 'button', class: 'secondary', 'aria-label': t('admin.home.liftBlockOf', { subject: block.subject }) },
    t('admin.home.liftBlock'));
  button.addEventListener('click', () => liftBlock(block, button));
  return cell('admin.home.colActions', button);
}

function renderAlarms(alarms) {
  const active = alarms.filter((alarm) => alarm.active);
  const cleared = alarms.filter((alarm) => !alarm.active)
    .sort((one, other) => other.clearsAt.localeCompare(one.clearsAt)).slice(0, RECENTLY_CLEARED);
  const lifting = holds('lift_blocks');
  document.getElementById('alarm-actions').hidden = !lifting;
  fillTable('active-alarms', 'no-active-alarms', active.map((alarm) => alarmRow(alarm, 'admin.home.colUntil',
    alarm.clearsAt ? formatInstant(alarm.clearsAt) : t('admin.home.untilCleared'), ...(lifting ? [liftCell(alarm)] : []))));
  fillTable('cleared-alarms', 'no-cleared-alarms', cleared.map((alarm) => alarmRow(alarm, 'admin.home.colCleared',
    formatInstant(alarm.clearsAt))));
  document.getElementById('alarms').hidden = false;
}

function renderConferences(conferences) {
  fillTable('live-conferences', 'no-conferences', conferences.map((live) => h('tr', {},
    rowHeader('admin.home.colRoom', live.roomName),
    cell('admin.home.colParticipants', t('admin.home.participants', { participants: live.participants, hosts: live.hosts })),
    cell('admin.home.colLobby', String(live.lobby)),
    cell('admin.home.colLocked', t(live.locked ? 'admin.home.locked' : 'admin.home.unlocked')),
    cell('admin.home.colStarted', formatInstant(live.startedAt)))));
  document.getElementById('conferences').hidden = false;
}

function renderDashboard() {
  if (dashboard.alarms) renderAlarms(dashboard.alarms);
  if (dashboard.conferences) renderConferences(dashboard.conferences);
  const updated = document.getElementById('dashboard-updated');
  updated.hidden = !dashboard.at;
  if (dashboard.at) updated.textContent = t('admin.home.updated', { at: formatInstant(dashboard.at), seconds: REFRESH_SECONDS });
}

async function refreshDashboard() {
  try {
    const [alarms, blocks, conferences] = await Promise.all([
      holds('view_alarms') ? adminApi('/alarms') : null,
      holds('view_alarms') && holds('lift_blocks') ? adminApi('/blocks') : null,
      holds('view_rooms') ? adminApi('/rooms/live') : null,
    ]);
    dashboard = { alarms, blocks, conferences, at: new Date().toISOString() };
    renderDashboard();
  } catch (error) {
    explain(error);
  }
}

function render() {
  renderAccount();
  renderDashboard();
}

if (me) {
  render();
  document.addEventListener('vestibule:language', render);
  if (holds('view_alarms') || holds('view_rooms')) {
    await refreshDashboard();
    setInterval(refreshDashboard, REFRESH_SECONDS * 1000);
  }
}
