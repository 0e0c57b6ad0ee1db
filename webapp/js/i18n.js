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
 * A user-facing sentence for an API failure. A refused field is named in the user's language, followed by
 * the server's reason; other codes have their own message; unknown codes fall back to the server's text.
 */
export function errorMessage(error) {
  if (error.code === 'invalid_request') {
    const fieldKey = 'field.' + error.field;
    const field = !error.field ? '' : (t(fieldKey) === fieldKey ? error.field : t(fieldKey));
    return t('error.invalid_request', { field }) + (error.message ? ' ' + error.message : '');
  }
  const key = 'error.' + error.code;
  const text = t(key, { seconds: error.retryAfter ?? '' });
  return text !== key ? text : (error.message || t('error.unexpected'));
}

async function fetchBundle(lang) {
  const bundles = await Promise.all(bundleBases.map(async (base) => {
    const response = await fetch(`${base}${lang}.json`, { cache: 'no-cache' });
    return response.ok ? response.json() : {};
  }));
  return Object.assign({}, ...bundles);
}
