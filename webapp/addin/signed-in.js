// Where the provider sends the sign-in dialog back: checks the state against the one sign-in.js kept, removes the
// code from the address bar and history, and hands the code (never a token) to the add-in with Office's messageParent,
// addressed to our own origin only.

import { loadMessages } from '/js/i18n.js';

const STATE_KEY = 'vestibule.addin.state';

function answer() {
  const query = new URLSearchParams(window.location.search);
  const expected = sessionStorage.getItem(STATE_KEY);
  sessionStorage.removeItem(STATE_KEY);
  window.history.replaceState(null, '', window.location.pathname);
  if (query.has('error')) return { error: query.get('error') === 'access_denied' ? 'access_denied' : 'provider_error' };
  const state = query.get('state');
  const code = query.get('code');
  if (!expected || state !== expected || !code) return { error: 'state_mismatch' };
  return { state, code, iss: query.get('iss') };
}

const message = JSON.stringify(answer());
loadMessages();
Office.onReady(() => {
  Office.context.ui.messageParent(message, { targetOrigin: window.location.origin });
});
