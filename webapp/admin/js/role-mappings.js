// Directory group → role mappings (R-ADM-4): listed for those who may view the configuration, created, changed
// and deleted by those who may change it.

import {
  adminApi, startConsole, canChangeMappings, showStatus, t, h, cell, rowHeader, renderChoices, chosen,
} from './console.js';
import { startEditableList } from './editable-list.js';

const me = await startConsole('role-mappings');
const editable = Boolean(me) && canChangeMappings(me);
const form = document.getElementById('mapping-form');
let roles = [];

function mappingCells(mapping) {
  return [
    rowHeader('admin.mappings.colName', mapping.name),
    cell('admin.mappings.colGroup', h('span', { class: 'dn' }, mapping.groupDn)),
    cell('admin.mappings.colRoles', (mapping.roles || []).join(', ') || t('admin.none')),
  ];
}

function fillForm(mapping) {
  form.name.value = mapping ? mapping.name : '';
  form.groupDn.value = mapping ? mapping.groupDn : '';
  renderChoices(document.getElementById('mapping-roles'), 'roles', roles.map((role) => ({ value: role.name, label: role.name })),
    mapping ? mapping.roles || [] : []);
  return form.name;
}

function readForm() {
  const body = { name: form.name.value.trim(), groupDn: form.groupDn.value.trim(), roles: chosen(form, 'roles') };
  if (body.name && body.groupDn && body.roles.length) return body;
  showStatus(t('admin.mappings.missing'), 'error');
  const missing = !body.name ? form.name : !body.groupDn ? form.groupDn : form.querySelector('input[name="roles"]');
  if (missing) missing.focus();
  return null;
}

if (me) {
  await startEditableList({
    path: '/role-mappings',
    plural: 'mappings',
    singular: 'mapping',
    messages: 'admin.mappings',
    named: (mapping) => ({ name: mapping.name }),
    editable,
    loadChoices: async () => {
      if (editable) roles = await adminApi('/roles');
    },
    rowCells: mappingCells,
    fillForm,
    readForm,
  });
}
