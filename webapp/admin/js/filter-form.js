// The filter form the auditor's pages share (audit log, call records): From and To, in the browser's time zone, with
// a hint naming that zone, and the Search and Clear buttons. Each page's own criteria stand after From and To in the
// form's row; the page says what a search does.

import { h, t, worded, markInvalid, clearInvalidMarks } from './console.js';
import { browserTimeZone, instantOf, startHoursAgo } from './time-range.js';
import { currentLanguage } from '../shared/js/i18n.js';
import { zoneLabel } from '../shared/js/zoned-time.js';

/**
 * Completes {@code form}; its field ids start with {@code prefix}, its buttons have the ids searchId and clearId.
 * From starts {@code hours} before now, and again after Clear. Returns readTimeRange(): the chosen range as ISO-8601
 * instants ({from, to}, either null when empty), or null once it has said which field is wrong.
 */
export function startFilterForm(form, { prefix, searchId, clearId, hours, onSearch }) {
  const zoneHint = h('p', { class: 'hint', id: `${prefix}-zone` });
  form.querySelector('.row').prepend(
    h('div', { class: 'field' },
      worded('label', { for: `${prefix}-from` }, 'admin.filter.from'),
      h('input', { id: `${prefix}-from`, name: 'from', type: 'datetime-local', 'data-field': 'from', 'aria-describedby': zoneHint.id })),
    h('div', { class: 'field' },
      worded('label', { for: `${prefix}-to` }, 'admin.filter.to'),
      h('input', { id: `${prefix}-to`, name: 'to', type: 'datetime-local', 'data-field': 'to',
        'aria-describedby': `${prefix}-to-hint ${zoneHint.id}` }),
      worded('p', { class: 'hint', id: `${prefix}-to-hint` }, 'admin.filter.toHint')));
  form.append(zoneHint, h('div', { class: 'actions' },
    worded('button', { type: 'submit', id: searchId }, 'admin.filter.search'),
    worded('button', { type: 'button', class: 'secondary', id: clearId, onclick: clear }, 'admin.filter.clear')));

  function nameZone() {
    zoneHint.textContent = t('admin.filter.zoneHint', { zone: zoneLabel(browserTimeZone(), currentLanguage()) });
  }

  function clear() {
    form.reset();
    clearInvalidMarks(form);
    startHoursAgo(form.from, hours);
    form.from.focus();
  }

  startHoursAgo(form.from, hours);
  nameZone();
  document.addEventListener('vestibule:language', nameZone);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    onSearch();
  });

  return function readTimeRange() {
    clearInvalidMarks(form);
    const from = instantOf(form.from);
    const to = instantOf(form.to);
    if (from === undefined || to === undefined) {
      markInvalid(form, from === undefined ? 'from' : 'to', t('admin.filter.badTime'));
      return null;
    }
    if (from && to && from >= to) {
      markInvalid(form, 'from', t('admin.filter.fromAfterTo'));
      return null;
    }
    return { from, to };
  };
}
