import { api } from './api.js';
import { startPage, showStatus, showError, markInvalidField, query, t } from './page.js';
import { currentLanguage } from './i18n.js';
import { zonedIso, localParts, browserZone, knownZones, offsetMinutes, zoneLabel } from './zoned-time.js';
import { describeRecurrence } from './recurrence-text.js';

const user = await startPage();
const id = query('id');
const form = document.getElementById('booking-form');
const repeat = document.getElementById('repeat');
let originalRule = null;
let recurrenceTouched = false;

function fillTimeZones(selected) {
  const select = document.getElementById('time-zone');
  const label = (zone) => zoneLabel(zone, currentLanguage());
  select.replaceChildren(...knownZones().map((zone) => new Option(label(zone), zone, false, zone === selected)));
  if (!knownZones().includes(selected)) select.append(new Option(label(selected), selected, true, true));
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function showRepeatControls() {
  document.getElementById('repeat-count-field').hidden = !repeat.value;
  document.getElementById('weekdays').hidden = repeat.value !== 'WEEKLY';
  checkFirstMeetingsWeekday();
}

/** A weekly series must include the weekday of its first meeting; keep that day ticked. */
function checkFirstMeetingsWeekday() {
  if (repeat.value !== 'WEEKLY' || !form.date.value) return;
  const [year, month, day] = form.date.value.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  form.querySelector(`input[name=weekday][value="${weekday}"]`).checked = true;
}

function recurrenceRule() {
  if (!repeat.value) return null;
  const parts = ['FREQ=' + repeat.value];
  if (repeat.value === 'WEEKLY') {
    const days = [...form.querySelectorAll('input[name=weekday]:checked')].map((box) => box.value);
    if (days.length) parts.push('BYDAY=' + days.join(','));
  }
  parts.push('COUNT=' + Math.max(2, Number(form.repeatCount.value) || 2));
  return parts.join(';');
}

function invitees() {
  return form.invitees.value.split(/[\s,;]+/).map((address) => address.trim()).filter(Boolean);
}

function nextHour() {
  const zone = browserZone();
  const now = Date.now();
  const local = new Date(now + offsetMinutes(now, zone) * 60000);
  local.setUTCMinutes(0, 0, 0);
  local.setUTCHours(local.getUTCHours() + 1);
  const date = local.toISOString().slice(0, 10);
  const start = local.toISOString().slice(11, 16);
  local.setUTCHours(local.getUTCHours() + 1);
  return { date, start, end: local.toISOString().slice(11, 16) };
}

function prefill(meeting) {
  form.title.value = meeting.title;
  const start = localParts(meeting.start);
  form.date.value = start.date;
  form.startTime.value = start.time;
  form.endTime.value = localParts(meeting.end).time;
  fillTimeZones(meeting.timeZone);
  form.invitees.value = meeting.invitees.join('\n');
  form.querySelector(`input[name=roomType][value=${meeting.room.roomType}]`).checked = true;
  form.guestsWaitForHost.checked = meeting.room.guestsWaitForHost;
  document.getElementById('personal-room-field').hidden = true;
  document.getElementById('room-settings').disabled = meeting.room.personal;
  document.getElementById('custom-pins').hidden = meeting.room.personal;
  originalRule = meeting.recurrence;
  if (originalRule) {
    const parts = Object.fromEntries(originalRule.split(';').map((part) => part.split('=')));
    repeat.value = parts.FREQ || '';
    if (parts.COUNT) form.repeatCount.value = parts.COUNT;
    (parts.BYDAY || '').split(',').forEach((day) => {
      const box = form.querySelector(`input[name=weekday][value="${day}"]`);
      if (box) box.checked = true;
    });
    if (parts.UNTIL || parts.INTERVAL) showStatus(t('book.customRule', { rule: describeRecurrence(originalRule) }));
  }
  showRepeatControls();
  document.getElementById('form-title').textContent = t('book.editTitle');
  document.getElementById('save').textContent = t('book.save');
  document.getElementById('cancel-edit').href = '/meeting.html?id=' + encodeURIComponent(meeting.id);
}

function requestBody() {
  const zone = form.timeZone.value;
  const body = {
    title: form.title.value.trim(),
    start: form.date.value && form.startTime.value ? zonedIso(form.date.value, form.startTime.value, zone) : '',
    end: form.date.value && form.endTime.value ? zonedIso(form.date.value, form.endTime.value, zone) : '',
    timeZone: zone,
    invitees: invitees(),
  };
  if (!document.getElementById('room-settings').disabled) {
    body.roomType = form.querySelector('input[name=roomType]:checked').value;
    body.guestsWaitForHost = form.guestsWaitForHost.checked;
    if (form.hostPin.value.trim()) body.hostPin = form.hostPin.value.trim();
    if (form.guestPin.value.trim()) body.guestPin = form.guestPin.value.trim();
  }
  if (!id) {
    body.recurrence = recurrenceRule();
    body.usePersonalRoom = form.usePersonalRoom.checked;
    if (body.usePersonalRoom) {
      delete body.roomType;
      delete body.hostPin;
      delete body.guestPin;
    }
  } else if (recurrenceTouched) {
    body.recurrence = recurrenceRule();
  }
  return body;
}

if (user) {
  repeat.addEventListener('change', showRepeatControls);
  document.addEventListener('vestibule:language', () => fillTimeZones(form.timeZone.value));
  form.date.addEventListener('change', checkFirstMeetingsWeekday);
  form.querySelectorAll('#repeat, #repeat-count, input[name=weekday]').forEach((input) =>
    input.addEventListener('change', () => { recurrenceTouched = true; }));
  document.getElementById('personal-room').addEventListener('change', (event) => {
    document.getElementById('room-settings').disabled = event.target.checked;
    document.getElementById('custom-pins').hidden = event.target.checked;
  });
  if (id) {
    try {
      prefill(await api('/meetings/' + encodeURIComponent(id)));
    } catch (error) {
      showError(error);
    }
  } else {
    const slot = nextHour();
    form.date.value = slot.date;
    form.startTime.value = slot.start;
    form.endTime.value = slot.end;
    fillTimeZones(browserZone());
    showRepeatControls();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = document.getElementById('save');
    button.disabled = true;
    showStatus(t('book.saving'));
    try {
      const meeting = id
        ? await api('/meetings/' + encodeURIComponent(id), { method: 'PATCH', body: requestBody() })
        : await api('/meetings', { method: 'POST', body: requestBody() });
      location.assign('/meeting.html?id=' + encodeURIComponent(meeting.id) + (id ? '' : '&booked=1'));
    } catch (error) {
      showError(error);
      markInvalidField(form, error);
    } finally {
      button.disabled = false;
    }
  });
}
