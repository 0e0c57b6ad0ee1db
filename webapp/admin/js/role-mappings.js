// Directory group → role mappings (R-ADM-4): listed for those who may view the configuration, created, changed
// and deleted by those who may change it.

import {
  adminApi, startConsole, canChangeConfiguration, explain, showStatus, t, h, cell, renderChoices, chosen, confirmAction,
} from './console.js';

const me = await startConsole('role-mappings');
const editable = Boolean(me) && canChangeConfiguration(me);
const table = document.getElementById('mappings');
const form = document.getElementById('mapping-form');
let mappings = [];
let roles = [];
let editing = null;

async function load() {
  try {
    mappings = await adminApi('/role-mappings');
    if (editable) roles = await adminApi('/roles');
  } catch (error) {
    explain(error);
    return;
  }
  render();
}

function rowActions(mapping) {
  const named = { name: mapping.name };
  return h('div', { class: 'row-actions' },
    h('button', { type: 'button', class: 'secondary', 'aria-label': t('admin.mappings.editNamed', named), onclick: () => openEditor(mapping) },
      t('admin.edit')),
    h('button', { type: 'button', class: 'danger', 'aria-label': t('admin.mappings.deleteNamed', named), onclick: () => remove(mapping) },
      t('admin.delete')));
}

function render() {
  table.tBodies[0].replaceChildren(...mappings.map((mapping) => h('tr', {},
    h('th', { scope: 'row', 'data-label': t('admin.mappings.colName') }, mapping.name),
    cell('admin.mappings.colGroup', h('span', { class: 'dn' }, mapping.groupDn)),
    cell('admin.mappings.colRoles', (mapping.roles || []).join(', ') || t('admin.none')),
    editable ? cell('admin.actions', rowActions(mapping)) : null)));
  table.hidden = mappings.length === 0;
  document.getElementById('no-mappings').hidden = mappings.length > 0;
  document.getElementById('mapping-form-title').textContent = editing
    ? t('admin.mappings.editTitle', { name: editing.name }) : t('admin.mappings.createTitle');
}

function closeEditor() {
  form.reset();
  form.hidden = true;
  editing = null;
}

function openEditor(mapping) {
  closeEditor();
  editing = mapping;
  form.name.value = mapping ? mapping.name : '';
  form.groupDn.value = mapping ? mapping.groupDn : '';
  renderChoices(document.getElementById('mapping-roles'), 'roles', roles.map((role) => ({ value: role.name, label: role.name })),
    mapping ? mapping.roles || [] : []);
  render();
  form.hidden = false;
  form.name.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  form.querySelectorAll('[aria-invalid="true"]').forEach((field) => field.removeAttribute('aria-invalid'));
  const body = { name: form.name.value.trim(), groupDn: form.groupDn.value.trim(), roles: chosen(form, 'roles') };
  if (!body.name || !body.groupDn || !body.roles.length) {
    showStatus(t('admin.mappings.missing'), 'error');
    const missing = !body.name ? form.name : !body.groupDn ? form.groupDn : form.querySelector('input[name="roles"]');
    if (missing) missing.focus();
    return;
  }
  const button = document.getElementById('save-mapping');
  button.disabled = true;
  try {
    if (editing) {
      await adminApi('/role-mappings/' + encodeURIComponent(editing.id), { method: 'PUT', body });
      showStatus(t('admin.mappings.updated', { name: body.name }), 'success');
    } else {
      await adminApi('/role-mappings', { method: 'POST', body });
      showStatus(t('admin.mappings.created', { name: body.name }), 'success');
    }
    closeEditor();
    await load();
  } catch (error) {
    explain(error, form);
  } finally {
    button.disabled = false;
  }
});

async function remove(mapping) {
  if (!await confirmAction(t('admin.mappings.confirmDelete', { name: mapping.name }), t('admin.delete'))) return;
  try {
    await adminApi('/role-mappings/' + encodeURIComponent(mapping.id), { method: 'DELETE' });
    if (editing && editing.id === mapping.id) closeEditor();
    showStatus(t('admin.mappings.deleted', { name: mapping.name }), 'success');
  } catch (error) {
    explain(error);
  }
  await load();
}

if (me) {
  // The editing controls appear once the lists they fill their choices from have arrived.
  await load();
  document.querySelectorAll('[data-edit-only]').forEach((element) => {
    element.hidden = !editable;
  });
  document.getElementById('read-only').hidden = editable;
  document.getElementById('new-mapping').addEventListener('click', () => openEditor(null));
  document.getElementById('cancel-mapping').addEventListener('click', closeEditor);
  document.addEventListener('vestibule:language', render);
}
