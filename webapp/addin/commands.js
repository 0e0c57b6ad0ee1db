// The add-in's one command, addVestibuleMeeting (R-CAL-1): signs the organiser in, reads the appointment, asks the
// service for this appointment's meeting (PUT /api/v1/calendar/events/{key}: created the first time, updated after),
// then writes the join block into the body and the join address into the location. Every path ends with
// event.completed(), failures with a notification saying what went wrong, so Outlook never waits out its time limit.
// The host PIN is never asked for, and never written into the appointment, which every invitee reads.

import { loadMessages, t } from '/js/i18n.js';
import { officeCall } from '/addin/office-calls.js';
import { SignInFailed, accessToken, addInSettings, fetchWithTimeout, forgetToken } from '/addin/office-sign-in.js';
import { withHtmlBlock, withTextBlock } from '/addin/join-block.js';
import { KEY_PROPERTY, MEETING_PROPERTY } from '/addin/event-properties.js';
const NOTIFICATION = 'vestibule';
const MAX_NOTIFICATION = 150;

/** A failure already put in the organiser's words. */
class CommandFailed extends Error {
}

export async function addVestibuleMeeting(event) {
  try {
    await loadMessages(String(Office.context.displayLanguage || 'en').slice(0, 2).toLowerCase());
    const item = Office.context.mailbox.item;
    const settings = await addInSettings().catch(() => failed('addin.failure.notConfigured'));
    const appointment = await readAppointment(item);
    const meeting = await putMeeting(settings, appointment);
    await writeJoinDetails(item, meeting);
    await rememberMeeting(appointment.properties, meeting.meetingId);
    await notify(item, { type: Office.MailboxEnums.ItemNotificationMessageType.InformationalMessage,
      message: t(meeting.created ? 'addin.done.added' : 'addin.done.updated', { alias: meeting.alias }),
      icon: 'icon16', persistent: false });
  } catch (error) {
    await notify(Office.context.mailbox.item, { type: Office.MailboxEnums.ItemNotificationMessageType.ErrorMessage,
      message: failureMessage(error) });
  } finally {
    event.completed();
  }
}

async function readAppointment(item) {
  try {
    const [subject, start, end] = await Promise.all([
      officeCall('subject.getAsync', (...args) => item.subject.getAsync(...args)),
      officeCall('start.getAsync', (...args) => item.start.getAsync(...args)),
      officeCall('end.getAsync', (...args) => item.end.getAsync(...args)),
    ]);
    const properties = await officeCall('loadCustomPropertiesAsync', (...args) => item.loadCustomPropertiesAsync(...args));
    return { key: await eventKey(properties), properties, subject, start, end };
  } catch (error) {
    if (error instanceof CommandFailed) throw error;
    return failed('addin.failure.unreadable');
  }
}

/**
 * The appointment's key, kept in its custom properties so that the same calendar item always maps to the same
 * meeting: made (a random UUID) and saved the first time.
 */
async function eventKey(properties) {
  const existing = properties.get(KEY_PROPERTY);
  if (typeof existing === 'string' && /^[0-9a-f-]{36}$/.test(existing)) return existing;
  const key = crypto.randomUUID();
  properties.set(KEY_PROPERTY, key);
  await officeCall('customProperties.saveAsync', (...args) => properties.saveAsync(...args));
  return key;
}

/** Start and end are instants; the zone is the organiser's, as IANA names it (Outlook's own is a Windows name). */
async function putMeeting(settings, appointment) {
  const body = JSON.stringify({
    subject: appointment.subject,
    start: new Date(appointment.start).toISOString(),
    end: new Date(appointment.end).toISOString(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const token = await accessToken(settings);
    let response;
    try {
      response = await fetchWithTimeout(`/api/v1/calendar/events/${encodeURIComponent(appointment.key)}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json',
          'Accept-Language': String(Office.context.displayLanguage || 'en') },
        body,
      });
    } catch {
      return failed('addin.failure.unreachable');
    }
    if (response.status === 401 && attempt === 0) {
      forgetToken();
      continue;
    }
    const answer = await response.json().catch(() => ({}));
    if (response.status === 200 || response.status === 201) {
      if (typeof answer.joinUrl !== 'string' || typeof answer.joinBlockHtml !== 'string') return failed('addin.failure.unexpected');
      return { ...answer, created: response.status === 201 };
    }
    return refused(response.status, answer);
  }
  return failed('addin.failure.signIn');
}

function refused(status, answer) {
  if (status === 403) return failed('addin.failure.forbidden');
  if (status === 429) return failed('addin.failure.busy');
  if (status === 400 && answer.field) return failed('addin.failure.invalid', { field: answer.field });
  return failed('addin.failure.refused', { code: answer.code || status });
}

/** The meeting's id, for the task pane that shows its owner the host PIN; a failure here loses nothing else. */
async function rememberMeeting(properties, meetingId) {
  if (typeof meetingId !== 'string' || properties.get(MEETING_PROPERTY) === meetingId) return;
  properties.set(MEETING_PROPERTY, meetingId);
  await officeCall('customProperties.saveAsync', (...args) => properties.saveAsync(...args)).catch(() => {});
}

async function writeJoinDetails(item, meeting) {
  try {
    const bodyType = await officeCall('body.getTypeAsync', (...args) => item.body.getTypeAsync(...args));
    if (bodyType === Office.CoercionType.Html) {
      const html = await officeCall('body.getAsync', (...args) => item.body.getAsync(...args), Office.CoercionType.Html);
      await officeCall('body.setAsync', (...args) => item.body.setAsync(...args), withHtmlBlock(html, meeting.joinBlockHtml),
        { coercionType: Office.CoercionType.Html });
    } else {
      const text = await officeCall('body.getAsync', (...args) => item.body.getAsync(...args), Office.CoercionType.Text);
      await officeCall('body.setAsync', (...args) => item.body.setAsync(...args), withTextBlock(text, meeting.joinBlockText),
        { coercionType: Office.CoercionType.Text });
    }
    await officeCall('location.setAsync', (...args) => item.location.setAsync(...args), meeting.joinUrl);
  } catch {
    failed('addin.failure.notWritten');
  }
}

function failed(key, params = {}) {
  throw new CommandFailed(t(key, params));
}

function failureMessage(error) {
  if (error instanceof CommandFailed) return error.message;
  if (error instanceof SignInFailed) {
    if (error.reason === 'cancelled') return t('addin.failure.cancelled');
    if (error.reason === 'denied') return t('addin.failure.denied');
    if (error.reason === 'sso_not_configured') return t('addin.failure.notConfigured');
    return t('addin.failure.signIn');
  }
  return t('addin.failure.unexpected');
}

async function notify(item, notification) {
  const message = notification.message.length > MAX_NOTIFICATION
    ? `${notification.message.slice(0, MAX_NOTIFICATION - 1)}…` : notification.message;
  try {
    await officeCall('notificationMessages.replaceAsync',
      (...args) => item.notificationMessages.replaceAsync(...args), NOTIFICATION, { ...notification, message });
  } catch {
    // Nothing more can be told: completing the event is what matters now.
  }
}

Office.onReady(() => {});
// Outlook finds the command by name: through Office.actions where the platform has it, as a global elsewhere.
window.addVestibuleMeeting = addVestibuleMeeting;
if (Office.actions && typeof Office.actions.associate === 'function') {
  Office.actions.associate('addVestibuleMeeting', addVestibuleMeeting);
}
