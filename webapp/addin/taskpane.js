// The add-in's task pane: what the add-in does, and for an event that has a room, its host PIN, shown to the
// organizer who asks for it after signing in (GET /api/v1/meetings/{id}, which answers the meeting's owner only).
// The PIN is shown here and nowhere else: never written into the appointment.

import { loadMessages, t } from '/js/i18n.js';
import { officeCall } from '/addin/office-calls.js';
import { SignInFailed, accessToken, addInSettings, fetchWithTimeout, forgetToken } from '/addin/office-sign-in.js';
import { MEETING_PROPERTY } from '/addin/event-properties.js';

function say(text) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.hidden = !text;
}

async function showHostPin(meetingId) {
  const button = document.getElementById('show-host-pin');
  button.disabled = true;
  say(t('addin.taskpane.signingIn'));
  try {
    const settings = await addInSettings();
    let response = null;
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const token = await accessToken(settings);
      response = await fetchWithTimeout(`/api/v1/meetings/${encodeURIComponent(meetingId)}`,
        { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
      if (response.status !== 401) break;
      forgetToken();
    }
    if (!response.ok) {
      say(t(response.status === 404 ? 'addin.taskpane.notFound' : 'addin.taskpane.failed'));
      return;
    }
    const meeting = await response.json();
    document.getElementById('room-alias').textContent = meeting.room.alias;
    document.getElementById('host-pin').textContent = meeting.room.hostPin;
    document.getElementById('meeting-details').hidden = false;
    say('');
  } catch (error) {
    say(error instanceof SignInFailed && error.reason === 'cancelled' ? t('addin.failure.cancelled') : t('addin.taskpane.failed'));
  } finally {
    button.disabled = false;
  }
}

Office.onReady(async () => {
  await loadMessages(String(Office.context.displayLanguage || 'en').slice(0, 2).toLowerCase());
  const item = Office.context.mailbox && Office.context.mailbox.item;
  if (!item) return;
  const properties = await officeCall('loadCustomPropertiesAsync', (...args) => item.loadCustomPropertiesAsync(...args)).catch(() => null);
  const meetingId = properties && properties.get(MEETING_PROPERTY);
  if (typeof meetingId !== 'string' || !/^[0-9a-f-]{36}$/.test(meetingId)) {
    say(t('addin.taskpane.noMeeting'));
    return;
  }
  document.getElementById('meeting').hidden = false;
  document.getElementById('show-host-pin').addEventListener('click', () => showHostPin(meetingId));
});
