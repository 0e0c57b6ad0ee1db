// Describes the RRULEs the booking form produces (daily or weekly, weekdays, COUNT or UNTIL) in words.
import { t } from './i18n.js';

export function describeRecurrence(rule) {
  if (!rule) return t('recurrence.none');
  const parts = Object.fromEntries(rule.split(';').map((part) => part.split('=')));
  const interval = Number(parts.INTERVAL || 1);
  let text = parts.FREQ === 'DAILY'
    ? (interval === 1 ? t('recurrence.daily') : t('recurrence.everyNDays', { n: interval }))
    : (interval === 1 ? t('recurrence.weekly') : t('recurrence.everyNWeeks', { n: interval }));
  if (parts.BYDAY) text += ' ' + t('recurrence.on', { days: parts.BYDAY.split(',').map((day) => t('day.' + day)).join(', ') });
  if (parts.COUNT) text += ', ' + t('recurrence.times', { n: parts.COUNT });
  return text;
}
