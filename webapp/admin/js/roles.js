// Roles and their permissions: the built-in ones shown as they are, custom ones created, changed and deleted by
// those who manage accounts.

import {
  adminApi, startConsole, canManageAccounts, explain, showStatus, t, h, cell, renderChoices, chosen, confirmAction,
  permissionLabel,
} from './console.js';

const me = await startConsole('roles');
const manage = Boolean(me) && canManageAccounts(me);
const table = document.getElementById('roles');
const form = document.getElementById('role-form');
let roles = [];
let permissions = [];
let editing = null;

async function load() {
  try {
    [roles, permissions] = await Promise.all([adminApi('/roles'), adminApi('/permissions')]);
  } catch (error) {
    explain(error);
    return;
  }
  render();
}

function labelOf(name) {
  return permissionLabel(permissions.find((permission) => permission.name === name) || { name });
}

function rowActions(role) {
  if (role.builtIn) return h('span', { class: 'muted' }, t('admin.roles.cannotChange'));
  const named = { name: role.name };
  return h('div', { class: 'row-actions' },
    h('button', { type: 'button', class: 'secondary', 'aria-label': t('admin.roles.editNamed', named), onclick: () => openEditor(role) },
      t('admin.edit')),
    h('button', { type: 'button', class: 'danger', 'aria-label': t('admin.roles.deleteNamed', named), onclick: () => remove(role) },
      t('admin.delete')));
}

function render() {
  table.tBodies[0].replaceChildren(...roles.map((role) => h('tr', {},
    h('th', { scope: 'row', 'data-label': t('admin.roles.colRole') }, role.name),
    cell('admin.roles.colKind', t(role.builtIn ? 'admin.roles.builtIn' : 'admin.roles.custom')),
    cell('admin.roles.colPermissions', (role.permissions || []).length
      ? h('ul', { class: 'plain' }, role.permissions.map((name) => h('li', {}, labelOf(name))))
      : t('admin.none')),
    manage ? cell('admin.actions', rowActions(role)) : null)));
  table.hidden = roles.length === 0;
  document.getElementById('no-roles').hidden = roles.length > 0;
  document.getElementById('role-form-title').textContent = editing
    ? t('admin.roles.editTitle', { name: editing.name }) : t('admin.roles.createTitle');
  if (!form.hidden) renderPermissionChoices(chosen(form, 'permissions'));
}

function renderPermissionChoices(checked) {
  renderChoices(document.getElementById('role-permissions'), 'permissions',
    permissions.map((permission) => ({ value: permission.name, label: permissionLabel(permission) })), checked);
}

function closeEditor() {
  form.reset();
  form.hidden = true;
  editing = null;
}

function openEditor(role) {
  closeEditor();
  editing = role;
  form.name.value = role ? role.name : '';
  renderPermissionChoices(role ? role.permissions || [] : []);
  document.getElementById('role-form-title').textContent = role
    ? t('admin.roles.editTitle', { name: role.name }) : t('admin.roles.createTitle');
  form.hidden = false;
  form.name.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { name: form.name.value.trim(), permissions: chosen(form, 'permissions') };
  if (!body.name) {
    showStatus(t('admin.roles.missingName'), 'error');
    form.name.focus();
    return;
  }
  const button = document.getElementById('save-role');
  button.disabled = true;
  try {
    if (editing) {
      await adminApi('/roles/' + encodeURIComponent(editing.id), { method: 'PUT', body });
      showStatus(t('admin.roles.updated', { name: body.name }), 'success');
    } else {
      await adminApi('/roles', { method: 'POST', body });
      showStatus(t('admin.roles.created', { name: body.name }), 'success');
    }
    closeEditor();
    await load();
  } catch (error) {
    explain(error, form);
  } finally {
    button.disabled = false;
  }
});

async function remove(role) {
  if (!await confirmAction(t('admin.roles.confirmDelete', { name: role.name }), t('admin.delete'))) return;
  try {
    await adminApi('/roles/' + encodeURIComponent(role.id), { method: 'DELETE' });
    if (editing && editing.id === role.id) closeEditor();
    showStatus(t('admin.roles.deleted', { name: role.name }), 'success');
  } catch (error) {
    explain(error);
  }
  await load();
}

if (me) {
  // The editing controls appear once the lists they fill their choices from have arrived.
  await load();
  document.querySelectorAll('[data-manage]').forEach((element) => {
    element.hidden = !manage;
  });
  document.getElementById('new-role').addEventListener('click', () => openEditor(null));
  document.getElementById('cancel-role').addEventListener('click', closeEditor);
  document.addEventListener('vestibule:language', render);
}
