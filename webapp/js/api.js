// The portal's calls to /api/v1: JSON in and out, the session's CSRF token on state changes,
// and every failure as an ApiError carrying the API's stable error code.

let csrfToken = null;

export class ApiError extends Error {
  constructor(status, body, headers) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error || 'http_' + status;
    this.field = body?.field;
    this.body = body || {};
    this.retryAfter = Number(headers?.get('Retry-After')) || null;
  }
}

export function rememberCsrfToken(token) {
  csrfToken = token;
}

/**
 * A call to /api/v1. With {@code token} it is authorised by that join token (Bearer) and needs no session;
 * otherwise it rides on the session cookie and carries the CSRF token on state changes.
 */
export async function api(path, { method = 'GET', body, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = 'Bearer ' + token;
  else if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch('/api/v1' + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: token ? 'omit' : 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { error: 'network', message: e.message });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok) throw new ApiError(response.status, json, response.headers);
  return json;
}

/** The signed-in user (and the CSRF token for this session), or null when nobody is signed in. */
export async function currentUser() {
  try {
    const me = await api('/me');
    rememberCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}
