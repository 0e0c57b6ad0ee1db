// The media gateway's SRTP allow-list (issue 15): whether AES-CM stays allowed, after the AEAD profiles, for older
// clients. Turning it off is confirmed first, since clients that offer nothing else then lose their media.

import {
  startConsole, canChangeConfiguration, confirmAction, showSettings, saveSettings, clearInvalidMarks, h, t,
} from './console.js';

const me = await startConsole('media-settings');
const editable = Boolean(me) && canChangeConfiguration(me);
const form = document.getElementById('media-settings-form');
let settings = null;

function fill(values) {
  settings = values;
  form.allowAesCm.checked = Boolean(settings.allowAesCm);
  document.getElementById('srtp-profiles').replaceChildren(...(settings.srtpProfiles || []).map((name) => h('li', {}, name)));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!editable) return;
  clearInvalidMarks(form);
  const changed = { allowAesCm: form.allowAesCm.checked };
  if (!changed.allowAesCm && settings.allowAesCm
      && !await confirmAction(t('admin.mediaSettings.confirmOff'), t('admin.mediaSettings.confirmYes'))) return;
  await saveSettings(form, '/media-settings', changed,
    { button: document.getElementById('save-media-settings'), fill, savedMessage: t('admin.mediaSettings.saved') });
});

if (me) {
  document.getElementById('read-only').hidden = editable;
  await showSettings(form, '/media-settings', { editable, fill });
}
