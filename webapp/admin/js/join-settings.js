// What an operator sets about joining (issue 16): PINs, break-in thresholds and allow-list, the lobby timeout, the
// join window, the join token lifetime and the participant limit. The service checks every value against the
// product's floors and names the field it refuses.

import {
  startConsole, canChangeConfiguration, showSettings, saveSettings, clearInvalidMarks, markInvalid, t,
} from './console.js';

const NUMBERS = ['pinLength', 'pinMinimumLength', 'roomFailures', 'roomWindowMinutes', 'roomBlockMinutes',
  'addressAttempts', 'addressWindowMinutes', 'addressBlockMinutes', 'lobbyMinutes', 'minutesBeforeStart',
  'minutesAfterEnd', 'tokenLifetimeSeconds', 'participantLimit'];

const me = await startConsole('join-settings');
const editable = Boolean(me) && canChangeConfiguration(me);
const form = document.getElementById('join-settings-form');

function fill(settings) {
  NUMBERS.forEach((name) => { form.elements[name].value = settings[name]; });
  form.breakInAllowList.value = (settings.breakInAllowList || []).join('\n');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!editable) return;
  clearInvalidMarks(form);
  const changed = {};
  for (const name of NUMBERS) {
    const value = Number(form.elements[name].value);
    if (form.elements[name].value.trim() === '' || !Number.isInteger(value)) {
      markInvalid(form, name, t('admin.joinSettings.wholeNumber'));
      return;
    }
    changed[name] = value;
  }
  changed.breakInAllowList = form.breakInAllowList.value.split(/[\s,]+/).filter(Boolean);
  await saveSettings(form, '/join-settings', changed,
    { button: document.getElementById('save-join-settings'), fill, savedMessage: t('admin.joinSettings.saved') });
});

if (me) {
  document.getElementById('read-only').hidden = editable;
  await showSettings(form, '/join-settings', { editable, fill });
}
