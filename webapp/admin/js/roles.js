// Roles and their permissions: the built-in ones shown as they are, custom ones created, changed and deleted by
// those who manage accounts.

import {
  adminApi, startConsole, canManageAccounts, showStatus, t, h, cell, rowHeader, renderChoices, chosen, permissionLabel,
  listsPermission,
} from './console.js';
import { startEditableList } from './editable-list.js';

const me = await startConsole('roles');
const form = document.getElementById('role-form');
let permissions = [];
let editing = null;

const listed = (names) => (names || []).filter(listsPermission);

function labelOf(name) {
  return permissionLabel(permissions.find((permission) => permission.name === name) || { name });
}

function roleCells(role) {
  return [
    rowHeader('admin.roles.colRole', role.name),
    cell('admin.roles.colKind', t(role.builtIn ? 'admin.roles.builtIn' : 'admin.roles.custom')),
    cell('admin.roles.colPermissions', listed(role.permissions).length
      ? h('ul', { class: 'plain' }, listed(role.permissions).map((name) => h('li', {}, labelOf(name))))
      : t('admin.none')),
  ];
}

function renderPermissionChoices(checked) {
  renderChoices(document.getElementById('role-permissions'), 'permissions',
    permissions.filter((permission) => listsPermission(permission.name))
      .map((permission) => ({ value: permission.name, label: permissionLabel(permission) })), checked);
}

function fillForm(role) {
  editing = role;
  form.name.value = role ? role.name : '';
  renderPermissionChoices(role ? role.permissions || [] : []);
  return form.name;
}

function readForm() {
  // A permission the console does not list stays as it was: no page offered it, so none may take it away.
  const kept = ((editing && editing.permissions) || []).filter((name) => !listsPermission(name));
  const body = { name: form.name.value.trim(), permissions: [...chosen(form, 'permissions'), ...kept] };
  if (body.name) return body;
  showStatus(t('admin.roles.missingName'), 'error');
  form.name.focus();
  return null;
}

if (me) {
  await startEditableList({
    path: '/roles',
    plural: 'roles',
    singular: 'role',
    messages: 'admin.roles',
    named: (role) => ({ name: role.name }),
    editable: canManageAccounts(me),
    loadChoices: async () => {
      permissions = await adminApi('/permissions');
    },
    rowCells: roleCells,
    unchangeable: (role) => (role.builtIn ? h('span', { class: 'muted' }, t('admin.roles.cannotChange')) : null),
    fillForm,
    readForm,
    // The choices' labels follow the language; the boxes keep their ticks.
    afterRender: () => {
      if (!form.hidden) renderPermissionChoices(chosen(form, 'permissions'));
    },
  });
}
