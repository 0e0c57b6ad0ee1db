import { api } from './api.js';
import { currentLanguage } from './i18n.js';
import { startPage, showStatus, showError, query, t } from './page.js';
import { formatInZone, browserZone, zoneLabel } from './zoned-time.js';
import { describeRecurrence } from './recurrence-text.js';

const user = await startPage();
const id = query('id');
let meeting = null;
let pinsShown = false;

function text(elementId, value) {
  document.getElementById(elementId).textContent = value;
}

function render() {
  if (!meeting) return;
  document.title = meeting.title + ' – Vestibule';
  text('meeting-title', meeting.title);
  let when = formatInZone(meeting.start, meeting.timeZone, currentLanguage()) + ' – '
    + formatInZone(meeting.end, meeting.timeZone, currentLanguage(), { timeStyle: 'short' }) + ' · '
    + zoneLabel(meeting.timeZone, currentLanguage(), meeting.start);
  if (browserZone() !== meeting.timeZone) {
    when += ' · ' + t('meeting.yourTime', { time: formatInZone(meeting.start, browserZone(), currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }) });
  }
  text('meeting-when', when);
  text('meeting-repeats', describeRecurrence(meeting.recurrence));
  text('meeting-status', t('status.' + meeting.status));
  text('join-url', meeting.joinUrl);
  text('room-alias', `${meeting.room.alias} (${t('meeting.numeric')} ${meeting.room.numericAlias})`);
  text('host-pin', pinsShown ? meeting.room.hostPin : '••••••••');
  text('guest-pin', meeting.room.guestPin ? (pinsShown ? meeting.room.guestPin : '••••••••') : t('meeting.noGuestPin'));
  text('meeting-invitees', meeting.invitees.length ? meeting.invitees.join(', ') : t('meeting.noInvitees'));
  const reveal = document.getElementById('reveal-pins');
  reveal.textContent = t(pinsShown ? 'meeting.hidePins' : 'meeting.showPins');
  reveal.setAttribute('aria-pressed', String(pinsShown));
  document.getElementById('download-ics').href = `/api/v1/meetings/${encodeURIComponent(meeting.id)}/invite.ics`;
  const edit = document.getElementById('edit-meeting');
  edit.href = '/book.html?id=' + encodeURIComponent(meeting.id);
  const cancelled = meeting.status === 'cancelled';
  edit.hidden = cancelled;
  document.getElementById('cancel-meeting').hidden = cancelled;
  document.getElementById('copy-invitation-link').hidden = cancelled;
  document.getElementById('invitation-hint').hidden = cancelled;
  document.getElementById('meeting-details').hidden = false;
}

async function copy(link, copiedMessage) {
  try {
    await navigator.clipboard.writeText(link);
    showStatus(copiedMessage, 'success');
  } catch {
    showStatus(t('meeting.copyFailed'), 'error');
  }
}

/**
 * Copies a new invitation link to the clipboard. The link carries a long token, so the page shows it only when the
 * browser refuses the clipboard: then in a field, selected, to be copied by hand.
 */
async function copyInvitationLink() {
  const fallback = document.getElementById('invitation-fallback');
  const field = document.getElementById('invitation-url');
  fallback.hidden = true;
  field.value = '';
  try {
    const invitation = await api('/meetings/' + encodeURIComponent(id) + '/invitation-link', { method: 'POST' });
    const until = formatInZone(invitation.expiresAt, browserZone(), currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' });
    try {
      await navigator.clipboard.writeText(invitation.url);
      showStatus(t('meeting.invitationCopied', { time: until }), 'success');
    } catch {
      field.value = invitation.url;
      fallback.hidden = false;
      showStatus(t('meeting.invitationCopyRefused', { time: until }), 'error');
      field.focus();
      field.select();
    }
  } catch (error) {
    showError(error);
  }
}

async function load() {
  try {
    meeting = await api('/meetings/' + encodeURIComponent(id));
    render();
  } catch (error) {
    text('meeting-title', t('meeting.notFound'));
    showError(error);
  }
}

if (user) {
  document.getElementById('reveal-pins').addEventListener('click', () => {
    pinsShown = !pinsShown;
    render();
  });
  document.getElementById('copy-link').addEventListener('click', () => copy(meeting.joinUrl, t('meeting.copied')));
  document.getElementById('copy-invitation-link').addEventListener('click', copyInvitationLink);
  const dialog = document.getElementById('confirm-cancel');
  document.getElementById('cancel-meeting').addEventListener('click', () => dialog.showModal());
  document.getElementById('confirm-cancel-no').addEventListener('click', () => dialog.close());
  document.getElementById('confirm-cancel-yes').addEventListener('click', async () => {
    dialog.close();
    try {
      await api('/meetings/' + encodeURIComponent(id), { method: 'DELETE' });
      showStatus(t('meeting.cancelled'), 'success');
      await load();
    } catch (error) {
      showError(error);
    }
  });
  document.addEventListener('vestibule:language', render);
  await load();
  if (meeting && query('booked')) showStatus(t('meeting.booked'), 'success');
}
