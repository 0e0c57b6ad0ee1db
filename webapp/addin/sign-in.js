// The first page of the add-in's sign-in dialog, on our origin as Office requires: takes the state and PKCE challenge
// the add-in made (the verifier stays with the add-in), keeps the state for signed-in.html, and sends the browser to
// the provider's authorization endpoint, read from the provider's own discovery document (never from the address of
// this page, which anyone can write).

import { loadMessages, t } from '/js/i18n.js';
import { addInSettings, providerMetadata } from '/addin/office-sign-in.js';

export const STATE_KEY = 'vestibule.addin.state';
const RANDOM_TEXT = /^[A-Za-z0-9_-]{43}$/;

async function start() {
  await loadMessages();
  const status = document.getElementById('status');
  const query = new URLSearchParams(window.location.search);
  const state = query.get('state') ?? '';
  const challenge = query.get('challenge') ?? '';
  if (!RANDOM_TEXT.test(state) || !RANDOM_TEXT.test(challenge)) {
    status.textContent = t('addin.signIn.badRequest');
    return;
  }
  try {
    const settings = await addInSettings();
    const metadata = await providerMetadata(settings.issuer);
    sessionStorage.setItem(STATE_KEY, state);
    const authorization = new URL(metadata.authorization_endpoint);
    authorization.search = new URLSearchParams({
      response_type: 'code',
      client_id: settings.clientId,
      redirect_uri: new URL('/addin/signed-in.html', window.location.origin).href,
      scope: settings.scope,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ui_locales: document.documentElement.lang,
    }).toString();
    window.location.assign(authorization.href);
  } catch {
    status.textContent = t('addin.signIn.unavailable');
  }
}

start();
