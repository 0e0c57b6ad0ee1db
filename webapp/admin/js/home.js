// The console's overview: who is signed in, with which roles and permissions, and the pages they open.

import { startConsole, permissionLabel, listsPermission, formatInstant, h, t, PAGES } from './console.js';

const me = await startConsole('home');

function render() {
  document.getElementById('account-name').textContent = `${me.displayName || me.username} (${me.username})`;
  document.getElementById('account-source').textContent = t('admin.home.source.' + me.source);
  document.getElementById('account-roles').textContent = (me.roles || []).join(', ') || t('admin.none');
  document.getElementById('account-permissions').replaceChildren(
    ...(me.permissions || []).filter(listsPermission).map((name) => h('li', {}, permissionLabel({ name }))));
  document.getElementById('account-password-expires').textContent =
    me.source === 'local' ? formatInstant(me.passwordExpiresAt) : t('admin.home.passwordInDirectory');
  document.getElementById('account').hidden = false;
  const pages = PAGES.filter((page) => page.id !== 'home' && page.allowed(me));
  document.getElementById('page-list').replaceChildren(...pages.map((page) => h('li', {},
    h('a', { href: page.href }, t(page.key)), h('span', { class: 'muted' }, t('admin.home.about.' + page.id)))));
  document.getElementById('no-pages').hidden = pages.some((page) => page.id !== 'password');
}

if (me) {
  render();
  document.addEventListener('vestibule:language', render);
}
