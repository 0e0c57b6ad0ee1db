// Local accounts: listed for those who may view the configuration; created, given roles, given a new password
// and deleted by those who manage accounts.

import {
  adminApi, startConsole, canManageAccounts, explain, showStatus, t, h, cell, renderChoices, chosen, confirmAction,
  formatInstant,
} from './console.js';

const me = await startConsole('users');
const manage = Boolean(me) && canManageAccounts(me);
const table = document.getElementById('users');
const userForm = document.getElementById('user-form');
const resetForm = document.getElementById('reset-form');
let users = [];
let roles = [];
let editing = null;
let resetting = null;

async function load() {
  try {
    users = await adminApi('/users');
    if (manage) roles = await adminApi('/roles');
  } catch (error) {
    explain(error);
    return;
  }
  render();
}

function rowActions(user) {
  const named = { username: user.username };
  return h('div', { class: 'row-actions' },
    h('button', { type: 'button', class: 'secondary', 'aria-label': t('admin.users.editNamed', named), onclick: () => openEditor(user) },
      t('admin.edit')),
    user.certificateOnly ? null : h('button', { type: 'button', class: 'secondary',
      'aria-label': t('admin.users.resetNamed', named), onclick: () => openReset(user) }, t('admin.users.reset')),
    h('button', { type: 'button', class: 'danger', 'aria-label': t('admin.users.deleteNamed', named), onclick: () => remove(user) },
      t('admin.delete')));
}

function render() {
  table.tBodies[0].replaceChildren(...users.map((user) => h('tr', {},
    h('th', { scope: 'row', 'data-label': t('admin.users.colUser') }, user.username),
    cell('admin.users.colRoles', (user.roles || []).join(', ') || t('admin.none')),
    cell('admin.users.colSignIn', t(user.certificateOnly ? 'admin.users.signInCertificate' : 'admin.users.signInPassword'),
      user.mustChangePassword ? h('span', { class: 'tag' }, t('admin.users.mustChange')) : null),
    cell('admin.users.colPasswordExpires', user.certificateOnly ? '–' : formatInstant(user.passwordExpiresAt)),
    manage ? cell('admin.actions', rowActions(user)) : null)));
  table.hidden = users.length === 0;
  document.getElementById('no-users').hidden = users.length > 0;
  titleEditors();
}

function titleEditors() {
  document.getElementById('user-form-title').textContent = editing
    ? t('admin.users.editTitle', { username: editing.username }) : t('admin.users.createTitle');
  if (resetting) document.getElementById('reset-form-title').textContent = t('admin.users.resetTitle', { username: resetting.username });
}

function showPasswordFields() {
  document.getElementById('new-password-fields').hidden = Boolean(editing) || userForm.certificateOnly.checked;
}

function closeEditors() {
  userForm.reset();
  resetForm.reset();
  userForm.hidden = true;
  resetForm.hidden = true;
  editing = null;
  resetting = null;
}

function openEditor(user) {
  closeEditors();
  editing = user;
  userForm.username.value = user ? user.username : '';
  userForm.username.disabled = Boolean(user);
  userForm.certificateOnly.checked = Boolean(user && user.certificateOnly);
  renderChoices(document.getElementById('user-roles'), 'roles', roles.map((role) => ({ value: role.name, label: role.name })),
    user ? user.roles || [] : []);
  showPasswordFields();
  titleEditors();
  userForm.hidden = false;
  (user ? userForm.certificateOnly : userForm.username).focus();
}

function openReset(user) {
  closeEditors();
  resetting = user;
  titleEditors();
  resetForm.hidden = false;
  resetForm.password.focus();
}

function passwordsDiffer(form) {
  if (form.password.value === form.confirm.value) return false;
  showStatus(t('admin.passwordMismatch'), 'error');
  form.confirm.setAttribute('aria-invalid', 'true');
  form.confirm.focus();
  return true;
}

userForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  userForm.querySelectorAll('[aria-invalid="true"]').forEach((field) => field.removeAttribute('aria-invalid'));
  const certificateOnly = userForm.certificateOnly.checked;
  const body = { roles: chosen(userForm, 'roles'), certificateOnly };
  if (!editing) {
    body.username = userForm.username.value.trim();
    if (!body.username || (!certificateOnly && !userForm.password.value)) {
      showStatus(t('admin.users.missing'), 'error');
      (!body.username ? userForm.username : userForm.password).focus();
      return;
    }
    if (!certificateOnly) {
      if (passwordsDiffer(userForm)) return;
      body.password = userForm.password.value;
    }
  }
  const button = document.getElementById('save-user');
  button.disabled = true;
  try {
    if (editing) {
      await adminApi('/users/' + encodeURIComponent(editing.id), { method: 'PUT', body });
      showStatus(t('admin.users.updated', { username: editing.username }), 'success');
    } else {
      const created = await adminApi('/users', { method: 'POST', body });
      showStatus(t('admin.users.created', { username: created.username || body.username }), 'success');
    }
    closeEditors();
    await load();
  } catch (error) {
    userForm.password.value = '';
    userForm.confirm.value = '';
    explain(error, userForm);
    if (error.code === 'username_taken') userForm.username.focus();
    if (error.code === 'password_policy') userForm.password.focus();
  } finally {
    button.disabled = false;
  }
});

resetForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  resetForm.confirm.removeAttribute('aria-invalid');
  if (!resetForm.password.value) {
    showStatus(t('admin.users.missingPassword'), 'error');
    resetForm.password.focus();
    return;
  }
  if (passwordsDiffer(resetForm)) return;
  const button = document.getElementById('save-reset');
  button.disabled = true;
  try {
    await adminApi('/users/' + encodeURIComponent(resetting.id), { method: 'PUT', body: { password: resetForm.password.value } });
    showStatus(t('admin.users.passwordReset', { username: resetting.username }), 'success');
    closeEditors();
    await load();
  } catch (error) {
    resetForm.password.value = '';
    resetForm.confirm.value = '';
    explain(error, resetForm);
    resetForm.password.focus();
  } finally {
    button.disabled = false;
  }
});

async function remove(user) {
  if (!await confirmAction(t('admin.users.confirmDelete', { username: user.username }), t('admin.delete'))) return;
  try {
    await adminApi('/users/' + encodeURIComponent(user.id), { method: 'DELETE' });
    if (editing && editing.id === user.id) closeEditors();
    showStatus(t('admin.users.deleted', { username: user.username }), 'success');
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
  document.getElementById('new-user').addEventListener('click', () => openEditor(null));
  document.getElementById('cancel-user').addEventListener('click', closeEditors);
  document.getElementById('cancel-reset').addEventListener('click', closeEditors);
  userForm.certificateOnly.addEventListener('change', showPasswordFields);
  document.addEventListener('vestibule:language', render);
}
