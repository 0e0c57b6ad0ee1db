// Rooms for operators (issue 16): find a room by what people know of it, see its meetings and whether a meeting runs
// in it now, give it a participant limit of its own, and close it for good. Live meetings are shown counted, not named.

import {
  adminApi, startConsole, canManageRooms, explain, showStatus, clearInvalidMarks, markInvalid, confirmAction,
  formatInstant, t, h, cell, rowHeader,
} from './console.js';

const me = await startConsole('rooms');
const manage = Boolean(me) && canManageRooms(me);
const searchForm = document.getElementById('room-search');
const table = document.getElementById('rooms');
const none = document.getElementById('no-rooms');
const panel = document.getElementById('room');
const limitForm = document.getElementById('room-limit');
let shown = null;

const aliasesOf = (room) => (room.aliases || []).map((alias) => alias.alias).join(', ');
const stateOf = (room) => t(room.closed ? 'admin.rooms.closed' : 'admin.rooms.open');

function fact(key, value) {
  return [h('dt', {}, t(key)), h('dd', {}, value)];
}

function liveText(live) {
  if (!live) return t('admin.rooms.notLive');
  return t(live.locked ? 'admin.rooms.liveLocked' : 'admin.rooms.liveOpen',
    { participants: live.participants, hosts: live.hosts, lobby: live.lobby, since: formatInstant(live.startedAt) });
}

function showRoom(room) {
  shown = room;
  document.getElementById('room-name').textContent = room.name;
  const limit = room.participantLimit === null
    ? t('admin.rooms.serviceLimit', { limit: room.participantLimitInForce })
    : String(room.participantLimit);
  document.getElementById('room-facts').replaceChildren(
    ...fact('admin.rooms.colAliases', aliasesOf(room)),
    ...fact('admin.rooms.kind', t('admin.rooms.kind.' + room.kind)),
    ...fact('admin.rooms.colState', room.closed ? t('admin.rooms.closedAt', { at: formatInstant(room.closedAt) }) : stateOf(room)),
    ...fact('admin.rooms.limitTitle', limit));
  document.getElementById('room-live').textContent = liveText(room.live);
  const meetings = room.meetings || [];
  const rows = document.querySelector('#room-meetings tbody');
  rows.replaceChildren(...meetings.map((meeting) => h('tr', {},
    rowHeader('admin.rooms.colTitle', meeting.title),
    cell('admin.rooms.colStart', formatInstant(meeting.start)),
    cell('admin.rooms.colEnd', formatInstant(meeting.end)),
    cell('admin.rooms.colStatus', t('admin.rooms.meeting.' + meeting.status)))));
  document.getElementById('room-meetings').hidden = meetings.length === 0;
  document.getElementById('room-no-meetings').hidden = meetings.length > 0;
  limitForm.hidden = !manage || room.closed;
  limitForm.useService.checked = room.participantLimit === null;
  limitForm.participantLimit.value = room.participantLimit === null ? room.participantLimitInForce : room.participantLimit;
  limitForm.participantLimit.disabled = limitForm.useService.checked;
  panel.hidden = false;
}

async function openRoom(id) {
  try {
    showRoom(await adminApi('/rooms/' + encodeURIComponent(id)));
    document.getElementById('room-name').focus();
  } catch (error) {
    explain(error);
  }
}

function showFound(rooms, typed) {
  table.querySelector('tbody').replaceChildren(...rooms.map((room) => h('tr', {},
    rowHeader('admin.rooms.colName', room.name),
    cell('admin.rooms.colAliases', h('span', { class: 'code id' }, aliasesOf(room))),
    cell('admin.rooms.colState', stateOf(room)),
    cell('admin.actions', h('button', { type: 'button', class: 'secondary', 'aria-label': t('admin.rooms.viewNamed', { name: room.name }),
      onclick: () => openRoom(room.id) }, t('admin.rooms.view'))))));
  table.hidden = rooms.length === 0;
  none.textContent = typed ? t('admin.rooms.noneMatch', { typed }) : t('admin.rooms.none');
  none.hidden = rooms.length > 0;
}

async function search() {
  clearInvalidMarks(searchForm);
  const typed = searchForm.search.value.trim();
  try {
    showFound(await adminApi('/rooms' + (typed ? '?search=' + encodeURIComponent(typed) : '')), typed);
  } catch (error) {
    explain(error, searchForm);
  }
}

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  showStatus('');
  search();
});

limitForm.useService.addEventListener('change', () => {
  limitForm.participantLimit.disabled = limitForm.useService.checked;
});

limitForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearInvalidMarks(limitForm);
  let participantLimit = null;
  if (!limitForm.useService.checked) {
    participantLimit = Number(limitForm.participantLimit.value);
    if (!Number.isInteger(participantLimit) || participantLimit < 1 || participantLimit > 1000) {
      markInvalid(limitForm, 'participantLimit', t('admin.rooms.limitInvalid'));
      return;
    }
  }
  const button = document.getElementById('save-room-limit');
  button.disabled = true;
  try {
    showRoom(await adminApi(`/rooms/${encodeURIComponent(shown.id)}/participant-limit`, { method: 'PUT', body: { participantLimit } }));
    showStatus(t('admin.rooms.limitSaved'), 'success');
  } catch (error) {
    explain(error, limitForm);
  } finally {
    button.disabled = false;
  }
});

document.getElementById('close-room').addEventListener('click', async () => {
  if (!await confirmAction(t('admin.rooms.confirmClose', { name: shown.name }), t('admin.rooms.close'))) return;
  try {
    showRoom(await adminApi(`/rooms/${encodeURIComponent(shown.id)}/close`, { method: 'POST' }));
    showStatus(t('admin.rooms.closedNow'), 'success');
    search();
  } catch (error) {
    explain(error);
  }
});

if (me) {
  searchForm.hidden = false;
  await search();
}
