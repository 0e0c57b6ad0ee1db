// The join block that calendar events carry (issue 17): one template per language, in HTML and plain text. The
// service checks every template against its allow-list and names what it refuses; the preview is the service's own
// rendering, shown in a sandboxed frame (no scripts, no forms, its own opaque origin) under the console's policy.

import {
  startConsole, canChangeConfiguration, adminApi, explain, describeError, say, confirmAction, setEditable,
  showStatus, clearInvalidMarks, h, worded, t,
} from './console.js';

const PREVIEW_DELAY_MS = 400;

const me = await startConsole('join-block');
const editable = Boolean(me) && canChangeConfiguration(me);
const form = document.getElementById('join-block-form');
const languagePicker = document.getElementById('template-language');
const previewSection = document.getElementById('preview');
const previewStatus = document.getElementById('preview-status');
const previewFrame = document.getElementById('preview-html');
const previewText = document.getElementById('preview-text');
const sampleSubject = document.getElementById('sample-subject');
const htmlEditor = document.getElementById('template-html');
const textEditor = document.getElementById('template-text');

const templates = new Map();
let shownLanguage = languagePicker.value;
let previewTimer = null;
let previewRound = 0;

const edited = () => {
  const saved = templates.get(shownLanguage);
  return Boolean(saved) && (htmlEditor.value !== saved.html || textEditor.value !== saved.text);
};

function show(template) {
  templates.set(template.language, template);
  shownLanguage = template.language;
  languagePicker.value = template.language;
  htmlEditor.value = template.html;
  textEditor.value = template.text;
  const state = document.getElementById('template-state');
  state.textContent = t(template.isDefault ? 'admin.joinBlock.isDefault' : 'admin.joinBlock.isEdited');
  state.dataset.i18n = template.isDefault ? 'admin.joinBlock.isDefault' : 'admin.joinBlock.isEdited';
  document.getElementById('reset-join-block').disabled = template.isDefault;
  clearInvalidMarks(form);
  schedulePreview(0);
}

function showPlaceholders(placeholders) {
  document.getElementById('placeholders').replaceChildren(...placeholders.flatMap((placeholder) => [
    h('dt', {}, h('code', {}, placeholder.written)),
    h('dd', {}, worded('span', {}, 'admin.joinBlock.placeholder.' + placeholder.name),
      placeholder.optional ? [' ', worded('span', { class: 'muted' }, 'admin.joinBlock.optional')] : null),
  ]));
}

function schedulePreview(delay = PREVIEW_DELAY_MS) {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(preview, delay);
}

async function preview() {
  const round = ++previewRound;
  const body = { html: htmlEditor.value, text: textEditor.value };
  if (sampleSubject.value.trim()) body.subject = sampleSubject.value;
  try {
    const block = await adminApi(`/join-block/${shownLanguage}/preview`, { method: 'POST', body });
    if (round !== previewRound) return;
    // The service's rendering, already held to the allow-list; the frame's sandbox keeps it inert all the same.
    previewFrame.srcdoc = block.html;
    previewText.textContent = block.text;
    say(previewStatus, '');
  } catch (error) {
    if (round !== previewRound) return;
    previewFrame.srcdoc = '';
    previewText.textContent = '';
    say(previewStatus, describeError(error), 'error');
  }
}

async function switchLanguage() {
  const wanted = languagePicker.value;
  if (wanted === shownLanguage) return;
  if (editable && edited() && !(await confirmAction(t('admin.joinBlock.discardQuestion'), t('admin.joinBlock.discard')))) {
    languagePicker.value = shownLanguage;
    return;
  }
  show(templates.get(wanted));
}

async function save(event) {
  event.preventDefault();
  if (!editable) return;
  clearInvalidMarks(form);
  const button = document.getElementById('save-join-block');
  button.disabled = true;
  try {
    const saved = await adminApi(`/join-block/${shownLanguage}`, { method: 'PUT', body: { html: htmlEditor.value, text: textEditor.value } });
    show(saved);
    showStatus(t('admin.joinBlock.saved', { language: t('admin.joinBlock.language.' + saved.language) }), 'success');
  } catch (error) {
    explain(error, form);
  } finally {
    button.disabled = false;
  }
}

async function reset() {
  if (!editable) return;
  const language = t('admin.joinBlock.language.' + shownLanguage);
  if (!(await confirmAction(t('admin.joinBlock.resetQuestion', { language }), t('admin.joinBlock.reset')))) return;
  try {
    show(await adminApi(`/join-block/${shownLanguage}`, { method: 'DELETE' }));
    showStatus(t('admin.joinBlock.resetDone', { language }), 'success');
  } catch (error) {
    explain(error, form);
  }
}

if (me) {
  document.getElementById('read-only').hidden = editable;
  try {
    const answer = await adminApi('/join-block');
    answer.templates.forEach((template) => templates.set(template.language, template));
    showPlaceholders(answer.placeholders);
    show(templates.get(shownLanguage));
    setEditable(form, editable);
    // The language picker only chooses what is shown: a viewer may switch too.
    languagePicker.disabled = false;
    form.hidden = false;
    previewSection.hidden = false;
  } catch (error) {
    explain(error);
  }
  languagePicker.addEventListener('change', switchLanguage);
  htmlEditor.addEventListener('input', () => schedulePreview());
  textEditor.addEventListener('input', () => schedulePreview());
  sampleSubject.addEventListener('input', () => schedulePreview());
  form.addEventListener('submit', save);
  document.getElementById('reset-join-block').addEventListener('click', reset);
}
