// Local accounts: listed for those who may view the configuration; created, given roles, given a new password
// and deleted by those who manage accounts.

import {
  adminApi, startConsole, canManageUsers, explain, showStatus, t, h, cell, rowHeader, renderChoices, chosen,
  formatInstant, confirmationDiffers,
} from './console.js';
import { startEditableList } from './editable-list.js';

const me = await startConsole('users');
const manage = Boolean(me) && canManageUsers(me);
const userForm = document.getElementById('user-form');
const resetForm = document.getElementById('reset-form');
let roles = [];
let resetting = null;
let list = null;

const named = (user) => ({ username: user.username });

function userCells(user) {
  return [
    rowHeader('admin.users.colUser', user.username),
    cell('admin.users.colRoles', (user.roles || []).join(', ') || t('admin.none')),
    cell('admin.users.colSignIn', t(user.certificateOnly ? 'admin.users.signInCertificate' : 'admin.users.signInPassword'),
      user.mustChangePassword ? h('span', { class: 'tag' }, t('admin.users.mustChange')) : null),
    cell('admin.users.colPasswordExpires', user.certificateOnly ? '–' : formatInstant(user.passwordExpiresAt)),
  ];
}

function resetButton(user) {
  if (user.certificateOnly) return [];
  return h('button', { type: 'button', class: 'secondary', 'aria-label': t('admin.users.resetNamed', named(user)),
    onclick: () => openReset(user) }, t('admin.users.reset'));
}

function titleReset() {
  if (resetting) document.getElementById('reset-form-title').textContent = t('admin.users.resetTitle', named(resetting));
}

function showPasswordFields() {
  document.getElementById('new-password-fields').hidden = Boolean(list?.editing()) || userForm.certificateOnly.checked;
}

function fillForm(user) {
  userForm.username.value = user ? user.username : '';
  userForm.username.disabled = Boolean(user);
  userForm.certificateOnly.checked = Boolean(user && user.certificateOnly);
  renderChoices(document.getElementById('user-roles'), 'roles', roles.map((role) => ({ value: role.name, label: role.name })),
    user ? user.roles || [] : []);
  showPasswordFields();
  return user ? userForm.certificateOnly : userForm.username;
}

function readForm(editing) {
  const certificateOnly = userForm.certificateOnly.checked;
  const body = { roles: chosen(userForm, 'roles'), certificateOnly };
  if (editing) return body;
  body.username = userForm.username.value.trim();
  if (!body.username || (!certificateOnly && !userForm.password.value)) {
    showStatus(t('admin.users.missing'), 'error');
    (!body.username ? userForm.username : userForm.password).focus();
    return null;
  }
  if (!certificateOnly) {
    if (confirmationDiffers(userForm.password, userForm.confirm)) return null;
    body.password = userForm.password.value;
  }
  return body;
}

function clearPasswords(form) {
  form.password.value = '';
  form.confirm.value = '';
}

function afterSaveFailed(error) {
  clearPasswords(userForm);
  if (error.code === 'username_taken') userForm.username.focus();
  if (error.code === 'password_policy') userForm.password.focus();
}

function closeReset() {
  resetForm.reset();
  resetForm.hidden = true;
  resetting = null;
}

function openReset(user) {
  list.closeEditor();
  resetting = user;
  titleReset();
  resetForm.hidden = false;
  resetForm.password.focus();
}

resetForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  resetForm.confirm.removeAttribute('aria-invalid');
  if (!resetForm.password.value) {
    showStatus(t('admin.users.missingPassword'), 'error');
    resetForm.password.focus();
    return;
  }
  if (confirmationDiffers(resetForm.password, resetForm.confirm)) return;
  const button = document.getElementById('save-reset');
  button.disabled = true;
  try {
    await adminApi('/users/' + encodeURIComponent(resetting.id), { method: 'PUT', body: { password: resetForm.password.value } });
    showStatus(t('admin.users.passwordReset', named(resetting)), 'success');
    list.closeEditor();
    await list.reload();
  } catch (error) {
    clearPasswords(resetForm);
    explain(error, resetForm);
    resetForm.password.focus();
  } finally {
    button.disabled = false;
  }
});

if (me) {
  list = await startEditableList({
    path: '/users',
    plural: 'users',
    singular: 'user',
    messages: 'admin.users',
    named,
    editable: manage,
    loadChoices: async () => {
      if (manage) roles = await adminApi('/roles');
    },
    rowCells: userCells,
    moreActions: resetButton,
    fillForm,
    readForm,
    afterSaveFailed,
    afterRender: titleReset,
    // One editor at a time: opening or closing the user form closes the password reset too.
    afterClose: closeReset,
  });
  document.getElementById('cancel-reset').addEventListener('click', list.closeEditor);
  userForm.certificateOnly.addEventListener('change', showPasswordFields);
}
