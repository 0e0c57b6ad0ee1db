import { api } from './api.js';
import { startCalendarFeed } from './calendar-feed.js';
import { currentLanguage } from './i18n.js';
import { startPage, showError, t } from './page.js';
import { formatInZone, zoneLabel } from './zoned-time.js';

const user = await startPage();
let meetings = [];

function render() {
  const list = document.getElementById('meeting-list');
  list.replaceChildren(...meetings.map((meeting) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = '/meeting.html?id=' + encodeURIComponent(meeting.id);
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = meeting.title;
    const when = document.createElement('div');
    when.className = 'when';
    when.textContent = formatInZone(meeting.start, meeting.timeZone, currentLanguage()) + ' · '
      + zoneLabel(meeting.timeZone, currentLanguage(), meeting.start);
    link.append(title);
    if (meeting.status === 'cancelled') {
      const tag = document.createElement('span');
      tag.className = 'tag cancelled';
      tag.textContent = t('status.cancelled');
      link.append(tag);
    }
    if (meeting.recurrence) {
      const tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = t('meetings.repeating');
      link.append(tag);
    }
    link.append(when);
    item.append(link);
    return item;
  }));
  document.getElementById('no-meetings').hidden = meetings.length > 0;
}

if (user) {
  try {
    meetings = await api('/meetings');
    render();
  } catch (error) {
    showError(error);
  }
  document.addEventListener('vestibule:language', render);
  await startCalendarFeed();
}
