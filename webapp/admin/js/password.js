// Changing one's own password: signed in (a local account), or straight after sign-in answered password_expired —
// then without a session, naming the user, and signed in with the new password once it is accepted.

import {
  publicApi, adminApi, startFrame, startConsole, passwordExpiredUser, forgetPasswordExpired, enterConsole, explain,
  showStatus, confirmationDiffers, clearInvalidMarks, t,
} from './console.js';

const form = document.getElementById('password-form');
const expiredUser = passwordExpiredUser();
let signedIn = false;

if (expiredUser) {
  await startFrame();
  document.getElementById('expired-intro').hidden = false;
  document.getElementById('username-field').hidden = false;
  document.getElementById('back-to-sign-in').hidden = false;
  form.username.value = expiredUser;
  form.hidden = false;
  form.oldPassword.focus();
} else {
  const me = await startConsole('password', { checkAccess: false });
  signedIn = true;
  if (me.source === 'local') form.hidden = false;
  else document.getElementById('not-local').hidden = false;
}

function clearPasswords() {
  form.oldPassword.value = '';
  form.newPassword.value = '';
  form.confirm.value = '';
}

async function signInWithNewPassword(username, password) {
  showStatus(t('admin.password.changedSigningIn'), 'success');
  try {
    enterConsole(await publicApi('/auth/login', { method: 'POST', body: { username, password } }));
  } catch (error) {
    explain(error);
    document.getElementById('change-password').hidden = true;
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = form.username.value.trim();
  const oldPassword = form.oldPassword.value;
  const newPassword = form.newPassword.value;
  clearInvalidMarks(form);
  if ((!signedIn && !username) || !oldPassword || !newPassword) {
    showStatus(t('admin.password.missing'), 'error');
    (!signedIn && !username ? form.username : !oldPassword ? form.oldPassword : form.newPassword).focus();
    return;
  }
  if (confirmationDiffers(form.newPassword, form.confirm)) return;
  const button = document.getElementById('change-password');
  button.disabled = true;
  showStatus(t('admin.password.changing'));
  try {
    if (signedIn) {
      await adminApi('/auth/password', { method: 'POST', body: { oldPassword, newPassword } });
      clearPasswords();
      showStatus(t('admin.password.changed'), 'success');
    } else {
      await publicApi('/auth/password', { method: 'POST', body: { username, oldPassword, newPassword } });
      forgetPasswordExpired();
      clearPasswords();
      await signInWithNewPassword(username, newPassword);
    }
  } catch (error) {
    clearPasswords();
    if (error.code === 'invalid_credentials') {
      showStatus(t(signedIn ? 'admin.password.wrongCurrent' : 'admin.password.wrongUserOrCurrent'), 'error');
      form.oldPassword.setAttribute('aria-invalid', 'true');
      form.oldPassword.focus();
    } else {
      explain(error, form);
      if (error.code === 'password_policy') {
        form.newPassword.setAttribute('aria-invalid', 'true');
        form.oldPassword.focus();
      }
    }
  } finally {
    button.disabled = false;
  }
});

document.getElementById('back-to-sign-in').addEventListener('click', forgetPasswordExpired);
