// The "Subscribe in your calendar" section of the meetings page: make, replace or revoke the user's feed address.
// The address carries the feed's secret, so the page shows it only in the answer that made it and keeps it nowhere.

import { api } from './api.js';
import { currentLanguage } from './i18n.js';
import { showError, showStatus, t } from './page.js';
import { browserZone, formatInZone } from './zoned-time.js';

const element = (id) => document.getElementById(id);
let since = null;

function showState(created) {
  since = created;
  element('feed-state').textContent = created
    ? t('feed.active', { time: formatInZone(created, browserZone(), currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }) })
    : t('feed.none');
  element('feed-create').hidden = Boolean(created);
  element('feed-replace').hidden = !created;
  element('feed-revoke').hidden = !created;
}

function showLink(issued) {
  element('feed-webcal').value = issued?.url ?? '';
  element('feed-https').value = issued?.httpsUrl ?? '';
  element('feed-link').hidden = !issued;
}

async function copy(field) {
  try {
    await navigator.clipboard.writeText(element(field).value);
    showStatus(t('feed.copied'), 'success');
  } catch {
    element(field).focus();
    element(field).select();
    showStatus(t('meeting.copyFailed'), 'error');
  }
}

async function subscribe() {
  try {
    const issued = await api('/calendar/feed', { method: 'POST' });
    showLink(issued);
    showState(issued.created);
    element('feed-webcal').focus();
    element('feed-webcal').select();
  } catch (error) {
    showError(error);
  }
}

async function revoke() {
  if (!confirm(t('feed.revokeConfirm'))) return;
  try {
    await api('/calendar/feed', { method: 'DELETE' });
    showLink(null);
    showState(null);
    showStatus(t('feed.revoked'), 'success');
  } catch (error) {
    showError(error);
  }
}

export async function startCalendarFeed() {
  element('feed-create').addEventListener('click', subscribe);
  element('feed-replace').addEventListener('click', () => {
    if (confirm(t('feed.replaceConfirm'))) subscribe();
  });
  element('feed-revoke').addEventListener('click', revoke);
  element('copy-feed-webcal').addEventListener('click', () => copy('feed-webcal'));
  element('copy-feed-https').addEventListener('click', () => copy('feed-https'));
  document.addEventListener('vestibule:language', () => showState(since));
  try {
    const subscription = await api('/calendar/feed');
    showState(subscription.subscribed ? subscription.created : null);
    element('calendar-feed').hidden = false;
  } catch (error) {
    showError(error);
  }
}
