// Message bundles: every visible text comes from /i18n/<language>.json (or the bundles named with useBundles).
// Elements name their text with data-i18n="key" (text content) or data-i18n-attr="attribute:key[,attribute:key]".

const SUPPORTED = ['en', 'es', 'fr'];
const STORAGE_KEY = 'vestibule.language';
let messages = {};
let fallback = {};
let language = 'en';
let bundleBases = ['/i18n/'];

/**
 * Where bundles come from, each base holding <language>.json; a later base's keys win over an earlier's. The admin
 * console lays its own bundle over the portal's shared one.
 */
export function useBundles(...bases) {
  bundleBases = bases;
}

export function chosenLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (SUPPORTED.includes(stored)) return stored;
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return SUPPORTED.includes(browser) ? browser : 'en';
}

export async function loadMessages(lang = chosenLanguage()) {
  language = SUPPORTED.includes(lang) ? lang : 'en';
  fallback = await fetchBundle('en');
  messages = language === 'en' ? fallback : await fetchBundle(language);
  document.documentElement.lang = language;
  translate(document);
}

export function setLanguage(lang) {
  localStorage.setItem(STORAGE_KEY, lang);
  return loadMessages(lang);
}

export function currentLanguage() {
  return language;
}

/** The message for key, with {name} placeholders filled from params. */
export function t(key, params = {}) {
  const template = messages[key] ?? fallback[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? `{${name}}`));
}

export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((element) => {
    element.dataset.i18nAttr.split(',').forEach((pair) => {
      const [attribute, key] = pair.split(':');
      element.setAttribute(attribute.trim(), t(key.trim()));
    });
  });
}

/**
 * A user-facing sentence for an API failure, from its stable code: a refused field is named in the user's language
 * with the reason the server gave as a code; refused join tokens ({@code token_*}) mean the place is lost, unless the
 * refusal has a message of its own (a spent lobby token). Only an unknown code (or reason) falls back to the server's
 * own text.
 */
export function errorMessage(error) {
  if (error.code === 'invalid_request') return invalidRequestMessage(error);
  const key = error.code.startsWith('token_') && !has('error.' + error.code) ? 'error.token' : 'error.' + error.code;
  return has(key) ? t(key, { ...error.body, seconds: error.retryAfter ?? '' }) : (error.message || t('error.unexpected'));
}

function invalidRequestMessage(error) {
  const body = error.body || {};
  const field = !error.field ? '' : (has('field.' + error.field) ? t('field.' + error.field) : error.field);
  const reasonKey = 'error.invalid_request.' + body.reason;
  if (body.reason && has(reasonKey)) {
    const rules = (body.rules || []).map((rule) => (has('pinRule.' + rule) ? t('pinRule.' + rule) : rule)).join('; ');
    return t(reasonKey, { ...body, field, rules });
  }
  return t('error.invalid_request', { field }) + (error.message ? ' ' + error.message : '');
}

/** A code's description (the message under prefix + code), or the code itself where there is none. */
export function described(prefix, code) {
  return has(prefix + code) ? t(prefix + code) : code;
}

function has(key) {
  return key in messages || key in fallback;
}

async function fetchBundle(lang) {
  const bundles = await Promise.all(bundleBases.map(async (base) => {
    const response = await fetch(`${base}${lang}.json`, { cache: 'no-cache' });
    return response.ok ? response.json() : {};
  }));
  return Object.assign({}, ...bundles);
}
