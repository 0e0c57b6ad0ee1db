// Signs the organiser in at the organisation's identity provider from the add-in (R-CAL-1, R-SSO-3): the
// authorization-code flow with PKCE (S256) for the public add-in client, the provider's pages shown in Office's
// dialog. The dialog returns only the code; this runtime holds the verifier and exchanges the code itself, so the
// verifier never leaves it, and keeps the access token in its memory only, never in storage: when the runtime ends or
// the token expires, the next command signs in again (the provider's own session usually makes that one click-free).

import { officeCall } from './office-calls.js';

const EARLY_RENEWAL_MS = 30_000;
const REQUEST_TIMEOUT_MS = 20_000;
let held = null;

/** A sign-in that did not give a token; {@code reason} says why (cancelled, denied, dialog_<code>, ...). */
export class SignInFailed extends Error {
  constructor(reason) {
    super(`Sign-in failed: ${reason}`);
    this.reason = reason;
  }
}

/** What the add-in needs to know about the service's single sign-on: issuer, client and scope. */
export async function addInSettings() {
  const response = await fetchWithTimeout('/addin/settings.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new SignInFailed(response.status === 404 ? 'sso_not_configured' : 'settings_unavailable');
  return response.json();
}

/** The current access token, signing in when there is none or it is about to expire. */
export async function accessToken(settings) {
  if (held === null || held.expiresAt - EARLY_RENEWAL_MS <= Date.now()) {
    held = null;
    held = await signIn(settings);
  }
  return held.accessToken;
}

/** Drops the token (the API refused it): the next call signs in again. */
export function forgetToken() {
  held = null;
}

async function signIn(settings) {
  const metadata = await providerMetadata(settings.issuer);
  const verifier = randomText();
  const state = randomText();
  const dialogAddress = new URL('/addin/sign-in.html', window.location.origin);
  dialogAddress.search = new URLSearchParams({ state, challenge: await challengeOf(verifier) }).toString();
  const answer = await dialogAnswer(dialogAddress.href);
  if (answer.error) throw new SignInFailed(answer.error === 'access_denied' ? 'denied' : 'provider_error');
  if (answer.state !== state || typeof answer.code !== 'string') throw new SignInFailed('state_mismatch');
  // RFC 9207: a provider that names itself must be the one we asked.
  if (answer.iss !== undefined && answer.iss !== null && answer.iss !== settings.issuer) throw new SignInFailed('issuer_mismatch');
  const response = await fetchWithTimeout(metadata.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: answer.code,
      redirect_uri: new URL('/addin/signed-in.html', window.location.origin).href,
      client_id: settings.clientId,
      code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new SignInFailed('code_refused');
  const tokens = await response.json();
  if (typeof tokens.access_token !== 'string' || String(tokens.token_type).toLowerCase() !== 'bearer') {
    throw new SignInFailed('code_refused');
  }
  const lifetime = Number.isFinite(tokens.expires_in) ? tokens.expires_in * 1000 : 60_000;
  return { accessToken: tokens.access_token, expiresAt: Date.now() + lifetime };
}

/** The provider's discovery document, checked to name the issuer the service trusts. */
export async function providerMetadata(issuer) {
  const response = await fetchWithTimeout(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
    { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new SignInFailed('provider_unavailable');
  const metadata = await response.json();
  if (metadata.issuer !== issuer || !isHttps(metadata.authorization_endpoint) || !isHttps(metadata.token_endpoint)) {
    throw new SignInFailed('provider_mismatch');
  }
  return metadata;
}

function isHttps(address) {
  try {
    return new URL(address).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Opens sign-in.html in Office's dialog and waits for signed-in.html's message. Closing the dialog is a cancelled
 * sign-in; a message from another origin than ours is refused.
 */
async function dialogAnswer(address) {
  const dialog = await officeCall('displayDialogAsync', (...args) => Office.context.ui.displayDialogAsync(...args),
    address, { height: 60, width: 30, promptBeforeOpen: false }).catch((error) => {
    throw new SignInFailed(`dialog_${error.code ?? 'failed'}`);
  });
  return new Promise((resolve, reject) => {
    dialog.addEventHandler(Office.EventType.DialogMessageReceived, (event) => {
      dialog.close();
      if (event.origin !== undefined && event.origin !== window.location.origin) {
        reject(new SignInFailed('foreign_origin'));
        return;
      }
      try {
        resolve(JSON.parse(event.message));
      } catch {
        reject(new SignInFailed('state_mismatch'));
      }
    });
    dialog.addEventHandler(Office.EventType.DialogEventReceived, (event) => {
      // 12006: the person closed the dialog.
      reject(new SignInFailed(event.error === 12006 ? 'cancelled' : `dialog_${event.error}`));
    });
  });
}

export function fetchWithTimeout(address, options = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  return fetch(address, { ...options, signal: controller.signal, credentials: 'omit' }).finally(() => clearTimeout(timer));
}

/** 32 random bytes, base64url: a PKCE verifier (RFC 7636 §4.1) or a state. */
function randomText() {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return base64Url(bytes);
}

async function challengeOf(verifier) {
  return base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
