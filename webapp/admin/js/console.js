// What every admin console page shares: the session (its CSRF token kept in this tab's sessionStorage only), the
// calls to /admin/api/v1, the frame with the navigation the administrator's permissions allow, and messages.
//
// The admin listener serves only /admin/..., so the portal's shared style, API helpers and message bundles reach
// the console as a copy the build places under /admin/shared/ (maven-war-plugin in pom.xml); the console's own
// messages in /admin/i18n/ are laid over the portal's.

import { apiClient, ApiError } from '../shared/js/api.js';
import { currentLanguage, useBundles, t, errorMessage } from '../shared/js/i18n.js';
import {
  renderFrame, startLanguage, showAccount, showStatus, markInvalidField, clearInvalidMarks, h, worded,
} from '../shared/js/page.js';

const CSRF_TOKEN = 'vestibule.admin.csrfToken';
const NOTICE = 'vestibule.admin.notice';
const RETURN_TO = 'vestibule.admin.returnTo';
const EXPIRED_USER = 'vestibule.admin.passwordExpiredUser';

export const LOGIN_PAGE = '/admin/index.html';
export const HOME_PAGE = '/admin/home.html';
export const PASSWORD_PAGE = '/admin/password.html';

const holds = (user, ...permissions) => permissions.some((permission) => (user.permissions || []).includes(permission));
export const canManageAccounts = (user) => holds(user, 'manage_accounts');
// Auditors manage Auditor accounts and mappings (manage_auditors); the service refuses whatever reaches beyond them.
export const canManageUsers = (user) => holds(user, 'manage_accounts', 'manage_auditors');
export const canViewAccounts = (user) => holds(user, 'manage_accounts', 'view_configuration', 'manage_auditors');
export const canChangeConfiguration = (user) => holds(user, 'change_configuration');
export const canViewConfiguration = (user) => holds(user, 'change_configuration', 'view_configuration');
export const canChangeMappings = (user) => holds(user, 'change_configuration', 'manage_auditors');
export const canViewMappings = (user) => holds(user, 'change_configuration', 'view_configuration', 'manage_auditors');
export const canViewCallRecords = (user) => holds(user, 'view_cdrs');
export const canViewLogs = (user) => holds(user, 'view_logs');
export const canViewRooms = (user) => holds(user, 'view_rooms', 'manage_rooms');
export const canManageRooms = (user) => holds(user, 'manage_rooms');
export const canManageIntegrations = (user) => holds(user, 'manage_integrations');
export const canViewIntegrations = (user) => holds(user, 'manage_integrations', 'view_configuration');
export const canManageCertificates = (user) => holds(user, 'manage_certificates');
export const canViewCertificates = (user) => holds(user, 'manage_certificates', 'view_configuration');

/** The console's pages in navigation order, each shown only to those who may open it. */
export const PAGES = [
  { id: 'home', href: HOME_PAGE, key: 'admin.nav.home', allowed: () => true },
  { id: 'users', href: '/admin/users.html', key: 'admin.nav.users', allowed: canViewAccounts },
  { id: 'roles', href: '/admin/roles.html', key: 'admin.nav.roles', allowed: canViewAccounts },
  { id: 'ldap', href: '/admin/ldap.html', key: 'admin.nav.ldap', allowed: canViewConfiguration },
  { id: 'role-mappings', href: '/admin/role-mappings.html', key: 'admin.nav.roleMappings', allowed: canViewMappings },
  { id: 'settings', href: '/admin/settings.html', key: 'admin.nav.settings', allowed: canViewConfiguration },
  { id: 'media-settings', href: '/admin/media-settings.html', key: 'admin.nav.mediaSettings', allowed: canViewConfiguration },
  { id: 'join-settings', href: '/admin/join-settings.html', key: 'admin.nav.joinSettings', allowed: canViewConfiguration },
  { id: 'join-block', href: '/admin/join-block.html', key: 'admin.nav.joinBlock', allowed: canViewConfiguration },
  { id: 'syslog', href: '/admin/syslog.html', key: 'admin.nav.syslog', allowed: canViewConfiguration },
  { id: 'keys', href: '/admin/keys.html', key: 'admin.nav.keys', allowed: canViewConfiguration },
  { id: 'certificates', href: '/admin/certificates.html', key: 'admin.nav.certificates', allowed: canViewCertificates },
  { id: 'trust-store', href: '/admin/trust-store.html', key: 'admin.nav.trustStore', allowed: canViewCertificates },
  { id: 'rooms', href: '/admin/rooms.html', key: 'admin.nav.rooms', allowed: canViewRooms },
  { id: 'integrations', href: '/admin/integrations.html', key: 'admin.nav.integrations', allowed: canViewIntegrations },
  { id: 'call-records', href: '/admin/call-records.html', key: 'admin.nav.callRecords', allowed: canViewCallRecords },
  { id: 'audit', href: '/admin/audit.html', key: 'admin.nav.audit', allowed: canViewLogs },
  { id: 'password', href: PASSWORD_PAGE, key: 'admin.nav.password', allowed: (user) => user.source === 'local' },
];

/** What the overview shows or does for those who hold them (alarms, lifting a block), though everyone opens it. */
const OVERVIEW_PERMISSIONS = ['view_alarms', 'lift_blocks'];

/**
 * Whether the console lists a permission: only those that open a page of their own (beyond the password page, which
 * everyone has) or act on the overview, so that no permission is offered that leads nowhere.
 */
export const listsPermission = (name) => OVERVIEW_PERMISSIONS.includes(name)
  || PAGES.some((page) => page.id !== 'home' && page.allowed({ permissions: [name] }));

const call = apiClient({ base: '/admin/api/v1', csrfToken: () => sessionStorage.getItem(CSRF_TOKEN) });

/** A call made before sign-in (banner, setup, login, an expired password's change): no redirect on 401. */
export const publicApi = call;

/**
 * A call within a session. When the session has lapsed (401 unauthenticated) the administrator goes back to
 * sign-in with a message, and the call never settles, so the page shows nothing more.
 */
export async function adminApi(path, options) {
  try {
    return await call(path, options);
  } catch (error) {
    if (error.code === 'unauthenticated') {
      leaveForSignIn('session_expired');
      return new Promise(() => {});
    }
    throw error;
  }
}

/**
 * A state change whose answer is a file, not JSON (an encrypted export): the body goes as JSON with the CSRF token,
 * and the answer comes back as a Blob. Failures are ApiErrors as with adminApi, and a lapsed session leaves for
 * sign-in the same way.
 */
export async function adminDownload(path, body, accept) {
  let response;
  try {
    // Without a body the download is a GET (a filter in the query), as the audit log's export.
    const get = body === undefined;
    response = await fetch('/admin/api/v1' + path, {
      method: get ? 'GET' : 'POST',
      headers: {
        // The API's errors are JSON whatever the file's type.
        Accept: accept + ', application/json',
        ...(get ? {} : { 'Content-Type': 'application/json' }),
        'X-CSRF-Token': sessionStorage.getItem(CSRF_TOKEN) || '',
      },
      body: get ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { error: 'network', message: e.message });
  }
  if (response.ok) return response.blob();
  let json = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  const error = new ApiError(response.status, json, response.headers);
  if (error.code === 'unauthenticated') {
    leaveForSignIn('session_expired');
    return new Promise(() => {});
  }
  throw error;
}

/** Hands a file the page holds to the browser's downloads, under {@code fileName}. */
export function saveFile(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click's task is over; the address is then only memory held.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function hasSession() {
  return Boolean(sessionStorage.getItem(CSRF_TOKEN));
}

/**
 * Keeps the login's CSRF token for this tab, then opens {@code target}, else the page the administrator was on when
 * the session lapsed, else the overview.
 */
export function enterConsole(login, target) {
  sessionStorage.setItem(CSRF_TOKEN, login.csrfToken);
  sessionStorage.removeItem(EXPIRED_USER);
  const returnTo = sessionStorage.getItem(RETURN_TO);
  sessionStorage.removeItem(RETURN_TO);
  // Only a known page of the console, never an address from elsewhere (no open redirect).
  const page = PAGES.find((candidate) => candidate.href === returnTo && candidate.allowed(login.user || {}));
  location.assign(target || (page ? page.href : HOME_PAGE));
}

export function forgetSession() {
  sessionStorage.removeItem(CSRF_TOKEN);
}

function leaveForSignIn(notice) {
  if (hasSession() && notice) sessionStorage.setItem(NOTICE, notice);
  sessionStorage.removeItem(CSRF_TOKEN);
  if (location.pathname !== LOGIN_PAGE) sessionStorage.setItem(RETURN_TO, location.pathname);
  location.assign(LOGIN_PAGE);
}

/** The message left for the sign-in page by the page that sent the administrator there, read once. */
export function takeNotice() {
  const notice = sessionStorage.getItem(NOTICE);
  sessionStorage.removeItem(NOTICE);
  return notice;
}

/** After 403 password_expired the user name travels to the change-password page in this tab, not in the address. */
export function rememberPasswordExpired(username) {
  sessionStorage.removeItem(CSRF_TOKEN);
  sessionStorage.setItem(EXPIRED_USER, username);
}

export function passwordExpiredUser() {
  return sessionStorage.getItem(EXPIRED_USER);
}

export function forgetPasswordExpired() {
  sessionStorage.removeItem(EXPIRED_USER);
}

export async function signOut() {
  try {
    await call('/auth/logout', { method: 'POST' });
  } catch {
    // The session ends on this side either way; the server's idle timeout ends it there.
  }
  sessionStorage.removeItem(CSRF_TOKEN);
  sessionStorage.removeItem(RETURN_TO);
  sessionStorage.setItem(NOTICE, 'signed_out');
  location.assign(LOGIN_PAGE);
}

/**
 * Puts up the console's frame and loads the portal's and the console's messages: all a page needs before anyone is
 * known to be signed in. The sign-in page's brand leads to itself and its header names nobody ({@code account: false}).
 */
export async function startFrame({ home = HOME_PAGE, account = true } = {}) {
  useBundles('/admin/shared/i18n/', '/admin/i18n/');
  renderFrame({ home, brand: 'Vestibule administration', brandKey: 'admin.brand', account });
  await startLanguage();
}

/**
 * Starts a console page: messages, the signed-in administrator (or back to sign-in), header and navigation.
 * Returns the administrator from GET /me, or null when this page is not theirs to open (unless the page decides
 * that itself: checkAccess false).
 */
export async function startConsole(pageId, { checkAccess = true } = {}) {
  await startFrame();
  const me = await adminApi('/me');
  // A new tab has the cookie but not this tab's CSRF token: the live session hands it over with the profile.
  if (me.csrfToken) sessionStorage.setItem(CSRF_TOKEN, me.csrfToken);
  showAccount(me.displayName || me.username, signOut);
  renderNavigation(me, pageId);
  const page = PAGES.find((candidate) => candidate.id === pageId);
  if (checkAccess && page && !page.allowed(me)) {
    showStatus(t('admin.pageForbidden'), 'error');
    return null;
  }
  return me;
}

function renderNavigation(me, pageId) {
  document.querySelector('header.site').after(h('nav', {
    id: 'console-nav', class: 'console', 'aria-label': t('admin.nav.label'), 'data-i18n-attr': 'aria-label:admin.nav.label',
  }, h('ul', {}, PAGES.filter((page) => page.allowed(me)).map((page) => h('li', {},
    h('a', { href: page.href, 'data-i18n': page.key, 'aria-current': page.id === pageId ? 'page' : null }, t(page.key)))))));
}

/** A sentence for an API failure; a password refused by the policy names each rule it broke. */
export function describeError(error) {
  if (error.code === 'password_policy') {
    const rules = (error.body.failed || []).map((rule) => {
      const key = 'policy.' + rule;
      return t(key) === key ? rule : t(key);
    });
    return t('error.password_policy', { rules: rules.join('; ') || error.message || '' });
  }
  return errorMessage(error);
}

/** Shows the failure in the page's live status region and, when the API named a field, marks it in the form. */
export function explain(error, form) {
  showStatus(describeError(error), 'error');
  if (form) markInvalidField(form, error);
  // A field the API named takes the focus (and the view); otherwise the message must be seen where it is.
  if (!form || !error.field || !form.querySelector(`[data-field="${error.field}"]`)) {
    document.getElementById('status').scrollIntoView({ block: 'nearest' });
  }
}

/** A table cell that carries its column's name, shown beside the value when a narrow screen stacks the table. */
export function cell(columnKey, ...content) {
  return h('td', { 'data-label': t(columnKey) }, ...content);
}

/** The cell that names a table's row (its first), labelled like the other cells. */
export function rowHeader(columnKey, ...content) {
  return h('th', { scope: 'row', 'data-label': t(columnKey) }, ...content);
}

/**
 * Says {@code message} (in {@code region}, else the page's status line), marks the form's field {@code field} as wrong
 * and moves focus there.
 */
export function markInvalid(form, field, message, region) {
  if (region) say(region, message, 'error');
  else showStatus(message, 'error');
  const input = form.querySelector(`[data-field="${field}"]`);
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}

/** A message in a section's own live region, seen beside the button that caused it. */
export function say(region, text, kind = 'info') {
  region.textContent = text;
  region.dataset.kind = kind;
  region.hidden = !text;
}

/** True, once said and the confirmation marked, when a new password and its confirmation differ. */
export function confirmationDiffers(password, confirmation) {
  if (password.value === confirmation.value) return false;
  showStatus(t('admin.passwordMismatch'), 'error');
  confirmation.setAttribute('aria-invalid', 'true');
  confirmation.focus();
  return true;
}

/**
 * Check boxes named {@code name}, one per choice ({value, label}), inside {@code container}; those whose value is in
 * {@code checked} are ticked.
 */
export function renderChoices(container, name, choices, checked = []) {
  container.replaceChildren(...choices.map((choice, index) => {
    const id = `${name}-${index}`;
    return h('div', { class: 'choice' },
      h('input', { type: 'checkbox', id, name, value: choice.value, checked: checked.includes(choice.value) }),
      h('label', { for: id }, choice.label));
  }));
}

export function chosen(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
}

/** A question in a modal dialog; resolves true when the administrator confirms. */
export function confirmAction(question, confirmLabel) {
  return new Promise((resolve) => {
    const yes = h('button', { type: 'button', class: 'danger' }, confirmLabel);
    const no = h('button', { type: 'button', class: 'secondary' }, t('admin.keep'));
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-question' },
      h('h2', { id: 'confirm-question' }, question), h('div', { class: 'actions' }, yes, no));
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    yes.addEventListener('click', () => finish(true));
    no.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}

/** A permission's name in the administrator's language, else the server's description of it. */
export function permissionLabel(permission) {
  const key = 'permission.' + permission.name;
  return t(key) === key ? (permission.description || permission.name) : t(key);
}

export function formatInstant(iso) {
  if (!iso) return t('admin.never');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A moment to the second, as a log's reader needs it, in the administrator's language and time zone. */
export function formatMoment(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** Shows or hides a form's editing controls: a viewer sees the values, disabled, and no save button. */
export function setEditable(form, editable) {
  form.querySelectorAll('input, select, textarea').forEach((field) => {
    field.disabled = !editable;
  });
  form.querySelectorAll('[data-edit-only]').forEach((element) => {
    element.hidden = !editable;
  });
}

/**
 * Fetches the settings at {@code path} and shows them in {@code form}, which fill(settings) writes them into, editable
 * only by those who may change them. Resolves to the settings, or null once the failure is shown.
 */
export async function showSettings(form, path, { editable, fill }) {
  let settings;
  try {
    settings = await adminApi(path);
  } catch (error) {
    explain(error);
    return null;
  }
  fill(settings);
  setEditable(form, editable);
  form.hidden = false;
  return settings;
}

/**
 * Saves {@code changed} with PUT {@code path}, its button disabled meanwhile, and shows the settings the service
 * answers through fill(settings) with {@code savedMessage}; or the failure, marking the field the API named.
 */
export async function saveSettings(form, path, changed, { button, fill, savedMessage }) {
  button.disabled = true;
  try {
    fill((await adminApi(path, { method: 'PUT', body: changed })) || changed);
    showStatus(savedMessage, 'success');
  } catch (error) {
    explain(error, form);
  } finally {
    button.disabled = false;
  }
}

export { showStatus, clearInvalidMarks, h, worded, t };
