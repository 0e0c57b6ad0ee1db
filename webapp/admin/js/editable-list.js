// The flow the console's users, roles and role-mappings pages share: a table of the records, one editor form that
// creates a record or changes the one being edited, and deletion once confirmed. Each page says what its rows show
// and what its form sends; saving, the messages that follow, reloading and who sees the editing controls are here.
//
// The page's elements are named after the collection's plural and singular: table #roles, notice #no-roles, button
// #new-role, form #role-form titled by #role-form-title, to which this adds the buttons #save-role and #cancel-role.
// Elements marked data-edit-only are shown only to those who may change the records; #read-only, where a page has
// it, to the others.

import { adminApi, explain, showStatus, t, h, worded, cell, confirmAction, clearInvalidMarks } from './console.js';

/**
 * Lists the records and wires their editing; resolves once the first list is shown.
 *
 * - path: the API's collection ("/roles"); a record lives at path/{id}
 * - plural, singular: the stems of the page's element ids (see above)
 * - messages: the prefix of the page's messages (editNamed, deleteNamed, editTitle, createTitle, created, updated,
 *   confirmDelete, deleted), each naming a record with the parameters named(record) gives
 * - editable: whether the administrator may change the records
 * - loadChoices(): fetches, with the records, what the page needs beside them (the form's choices)
 * - rowCells(record): a row's cells but the last, the actions
 * - unchangeable(record): what a row shows instead of actions when the record cannot be changed, else null
 * - moreActions(record): buttons between Edit and Delete
 * - fillForm(record): fills the form for the record, or empty for a new one; returns the field to focus
 * - readForm(record): the body to send, or null once it has said what is missing
 * - afterSaveFailed(error), afterRender(), afterClose(): what the page does beside the shared flow
 */
export async function startEditableList({
  path, plural, singular, messages, named, editable, loadChoices = async () => {}, rowCells,
  unchangeable = () => null, moreActions = () => [], fillForm, readForm,
  afterSaveFailed = () => {}, afterRender = () => {}, afterClose = () => {},
}) {
  const table = document.getElementById(plural);
  const form = document.getElementById(`${singular}-form`);
  const saveButton = worded('button', { type: 'submit', id: `save-${singular}` }, 'admin.save');
  form.append(h('div', { class: 'actions' }, saveButton,
    worded('button', { type: 'button', class: 'secondary', id: `cancel-${singular}`, onclick: () => closeEditor() }, 'admin.cancel')));
  const message = (key, record) => t(`${messages}.${key}`, record ? named(record) : {});
  const recordPath = (record) => `${path}/${encodeURIComponent(record.id)}`;
  let records = [];
  let editing = null;

  async function reload() {
    try {
      [records] = await Promise.all([adminApi(path), loadChoices()]);
    } catch (error) {
      explain(error);
      return;
    }
    render();
  }

  function actionsFor(record) {
    return unchangeable(record) || h('div', { class: 'row-actions' },
      h('button', { type: 'button', class: 'secondary', 'aria-label': message('editNamed', record), onclick: () => openEditor(record) },
        t('admin.edit')),
      moreActions(record),
      h('button', { type: 'button', class: 'danger', 'aria-label': message('deleteNamed', record), onclick: () => remove(record) },
        t('admin.delete')));
  }

  function render() {
    table.tBodies[0].replaceChildren(...records.map((record) => h('tr', {},
      rowCells(record), editable ? cell('admin.actions', actionsFor(record)) : null)));
    table.hidden = records.length === 0;
    document.getElementById(`no-${plural}`).hidden = records.length > 0;
    titleEditor();
    afterRender();
  }

  function titleEditor() {
    document.getElementById(`${singular}-form-title`).textContent = editing ? message('editTitle', editing) : message('createTitle');
  }

  function closeEditor() {
    form.reset();
    form.hidden = true;
    editing = null;
    afterClose();
  }

  function openEditor(record) {
    closeEditor();
    editing = record;
    const firstField = fillForm(record);
    titleEditor();
    form.hidden = false;
    firstField.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearInvalidMarks(form);
    const body = readForm(editing);
    if (!body) return;
    saveButton.disabled = true;
    try {
      if (editing) {
        await adminApi(recordPath(editing), { method: 'PUT', body });
        showStatus(message('updated', { ...editing, ...body }), 'success');
      } else {
        const created = await adminApi(path, { method: 'POST', body });
        showStatus(message('created', { ...body, ...created }), 'success');
      }
      closeEditor();
      await reload();
    } catch (error) {
      explain(error, form);
      afterSaveFailed(error);
    } finally {
      saveButton.disabled = false;
    }
  });

  async function remove(record) {
    if (!await confirmAction(message('confirmDelete', record), t('admin.delete'))) return;
    try {
      await adminApi(recordPath(record), { method: 'DELETE' });
      if (editing && editing.id === record.id) closeEditor();
      showStatus(message('deleted', record), 'success');
    } catch (error) {
      explain(error);
    }
    await reload();
  }

  // The editing controls appear once the lists they fill their choices from have arrived.
  await reload();
  document.querySelectorAll('[data-edit-only]').forEach((element) => {
    element.hidden = !editable;
  });
  const readOnlyNotice = document.getElementById('read-only');
  if (readOnlyNotice) readOnlyNotice.hidden = editable;
  document.getElementById(`new-${singular}`).addEventListener('click', () => openEditor(null));
  document.addEventListener('vestibule:language', render);
  return { reload, closeEditor, editing: () => editing };
}
