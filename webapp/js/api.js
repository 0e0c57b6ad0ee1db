// Calls to a JSON API: JSON in and out, the session's CSRF token on state changes, and every failure as an
// ApiError carrying the API's stable error code. The portal's /api/v1 is `api`; the admin console builds its own
// caller for /admin/api/v1 with apiClient.

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
 * A caller of the API under {@code base}. Each call with {@code token} is authorised by that join token (Bearer)
 * and needs no session; otherwise it rides on the session cookie and carries {@code csrfToken()} on state changes.
 */
export function apiClient({ base, csrfToken: sessionCsrfToken = () => null }) {
  return async function call(path, { method = 'GET', body, token } = {}) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const csrf = sessionCsrfToken();
    if (token) headers.Authorization = 'Bearer ' + token;
    else if (method !== 'GET' && method !== 'HEAD' && csrf) headers['X-CSRF-Token'] = csrf;
    let response;
    try {
      response = await fetch(base + path, {
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
  };
}

/** A call to the portal's /api/v1 (see apiClient). */
export const api = apiClient({ base: '/api/v1', csrfToken: () => csrfToken });

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
