// The join page: name and PIN, then the lobby or the conference. The participant's place (token, role, ids)
// is kept in sessionStorage, so a reload resumes it instead of joining again (R-JOIN-5).
import { api } from './api.js';
import { currentLanguage, t, errorMessage, described } from './i18n.js';
import { renderFrame, startLanguage } from './page.js';
import { formatInZone, browserZone } from './zoned-time.js';
import { GatewayCall, openDevices } from './media.js';

const alias = decodeURIComponent(location.pathname.replace(/^\/join\//, '').replace(/\/$/, ''));
const storageKey = 'vestibule.join.' + alias;
// An invitation token travels in the fragment, which browsers never send to a server; take it and drop it
// from the address bar so it is neither bookmarked nor shared by copying the address.
const invitation = new URLSearchParams(location.hash.slice(1)).get('invitation');
if (location.hash) history.replaceState(null, '', location.pathname + location.search);

let place = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
let socket = null;
let refreshTimer = null;
let roster = [];
let lobby = [];
let locked = false;
let reconnectDelay = 1000;
let call = null;
let preview = null;

const section = (id) => document.getElementById(id);

function show(which) {
  for (const id of ['join-form-section', 'lobby-section', 'conference-section']) section(id).hidden = id !== which;
  // The meeting needs room for its video tiles; the forms read best narrow.
  section('main').classList.toggle('narrow', which !== 'conference-section');
}

function status(text, kind = 'info') {
  const element = section('status');
  element.textContent = text || '';
  element.dataset.kind = kind;
  element.hidden = !text;
}

function remember(next) {
  place = next;
  if (next) sessionStorage.setItem(storageKey, JSON.stringify(next));
  else sessionStorage.removeItem(storageKey);
}

function forget(message, kind = 'info') {
  clearTimeout(refreshTimer);
  clearTimeout(mediaReconnectTimer);
  closeSocket();
  call?.stop();
  call = null;
  stopPreview();
  remember(null);
  show('join-form-section');
  status(message, kind);
}

// ---- joining --------------------------------------------------------------------------------------------

async function join(event) {
  event.preventDefault();
  const form = section('join-form');
  const displayName = form.displayName.value.trim();
  if (!displayName) {
    status(t('join.nameMissing'), 'error');
    form.displayName.focus();
    return;
  }
  localStorage.setItem('vestibule.displayName', displayName);
  const body = { displayName };
  if (form.pin.value.trim()) body.pin = form.pin.value.trim();
  if (invitation) body.invitation = invitation;
  section('join').disabled = true;
  status(t('join.joining'));
  try {
    const answer = await api('/join/' + encodeURIComponent(alias), { method: 'POST', body });
    form.pin.value = '';
    if (answer.status === 'waiting') enterLobby({ ...answer, displayName });
    else enterConference({ ...answer, displayName });
  } catch (error) {
    form.pin.value = '';
    status(joinRefusal(error), 'error');
    (error.code === 'pin_required' || error.code === 'invalid_pin' ? form.pin : form.displayName).focus();
  } finally {
    section('join').disabled = false;
  }
}

function joinRefusal(error) {
  switch (error.code) {
    case 'outside_window':
      return error.body.opensAt
        ? t('join.opensAt', { time: formatInZone(error.body.opensAt, browserZone(), currentLanguage()) })
        : t('join.closedAt', { time: formatInZone(error.body.closedAt, browserZone(), currentLanguage()) });
    case 'blocked':
      return t('join.blocked', { minutes: Math.max(1, Math.ceil((error.retryAfter || 60) / 60)) });
    case 'pin_required':
      return t('join.pinRequired');
    case 'not_found':
      return t('error.not_found_join');
    default:
      return errorMessage(error);
  }
}

// ---- the lobby --------------------------------------------------------------------------------------------

function enterLobby(answer) {
  remember({ kind: 'lobby', token: answer.token, reason: answer.reason, participantId: answer.participantId,
    conferenceId: answer.conferenceId, displayName: answer.displayName });
  showLobbyReason(answer.reason);
  show('lobby-section');
  status('');
  connect();
}

const WAITING_TEXTS = { locked: 'join.waitingLocked', admission_required: 'join.waitingAdmission' };
const LOBBY_REASON_TEXTS = { locked: 'join.reasonLocked', admission_required: 'join.reasonAdmission' };

function showLobbyReason(reason) {
  section('lobby-reason').textContent = t(WAITING_TEXTS[reason] || 'join.waitingForHost');
}

// ---- the conference ---------------------------------------------------------------------------------------

function enterConference(answer) {
  remember({ kind: 'join', token: answer.token, expires: Date.now() + answer.expires * 1000, role: answer.role,
    participantId: answer.participantId, conferenceId: answer.conferenceId, displayName: answer.displayName || place?.displayName });
  section('own-role').textContent = t('role.' + answer.role);
  section('host-controls').hidden = answer.role !== 'host';
  show('conference-section');
  status(t('join.joined'), 'success');
  if (!call) {
    call = new GatewayCall({ selfId: answer.participantId, send, tiles: section('tiles'), nameOf, local: preview, onConnected: mediaConnected });
    preview = null;
    section('preview').replaceChildren();
    section('preview').hidden = true;
    call.start();
  }
  scheduleRefresh();
  connect();
}

/** Shows the own camera on the join form, before joining; the same stream then goes into the meeting. */
async function checkDevices() {
  if (!preview) preview = await openDevices();
  const video = document.createElement('video');
  video.autoplay = true;
  video.playsInline = true;
  video.muted = true;
  video.srcObject = preview;
  const tile = document.createElement('figure');
  tile.className = 'tile own';
  const caption = document.createElement('figcaption');
  caption.textContent = preview.getVideoTracks().length ? t('join.previewing') : t('join.noDevices');
  tile.append(video, caption);
  section('preview').replaceChildren(tile);
  section('preview').hidden = false;
}

function stopPreview() {
  preview?.getTracks().forEach((track) => track.stop());
  preview = null;
  section('preview').replaceChildren();
  section('preview').hidden = true;
}

function send(message) {
  if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

function nameOf(participantId) {
  const participant = roster.find((p) => p.participantId === participantId);
  const name = participant ? participant.displayName : '';
  return participantId === place?.participantId ? `${name || place.displayName} · ${t('join.you')}` : name;
}

function toggleMedia(kind, buttonId) {
  const on = call?.toggle(kind);
  const toggle = section(buttonId);
  toggle.setAttribute('aria-pressed', String(on === false));
  toggle.textContent = t(kind === 'audio' ? (on === false ? 'join.unmuteAudio' : 'join.muteAudio')
    : (on === false ? 'join.unmuteVideo' : 'join.muteVideo'));
}

/** Refreshes the join token at half its life, so it never lapses while the page is open (R-JOIN-2). */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const wait = Math.max(1000, (place.expires - Date.now()) / 2);
  refreshTimer = setTimeout(refresh, wait);
}

async function refresh() {
  try {
    const answer = await api('/join/refresh', { method: 'POST', token: place.token });
    remember({ ...place, token: answer.token, expires: Date.now() + answer.expires * 1000, role: answer.role });
    scheduleRefresh();
    return true;
  } catch (error) {
    if (error.status === 401 || error.status === 403) {
      forget(t('join.placeLost'), 'error');
      return false;
    }
    refreshTimer = setTimeout(refresh, 5000);
    return true;
  }
}

async function leave() {
  const token = place?.token;
  const kind = place?.kind;
  forget(t('join.left'));
  if (token && kind === 'join') {
    try {
      await api('/join/release', { method: 'POST', token });
    } catch {
      // Released or expired already: either way the place is gone.
    }
  }
}

async function control(action, participantId) {
  const path = `/conferences/${encodeURIComponent(place.conferenceId)}`
    + (participantId ? `/participants/${encodeURIComponent(participantId)}/${action}` : `/${action}`);
  try {
    await api(path, { method: 'POST', token: place.token });
  } catch (error) {
    status(errorMessage(error), 'error');
  }
}

// ---- the conference's WebSocket ----------------------------------------------------------------------------

// The service closes a socket that says nothing for two minutes; a ping every 30 s keeps a quiet meeting's open.
const KEEPALIVE_MS = 30000;
// The service's close code when the same participant opened a newer socket (another tab): that one wins.
const REPLACED = 4001;
let keepalive = null;

function closeSocket() {
  clearInterval(keepalive);
  if (socket) {
    socket.onclose = null;
    socket.close();
  }
  socket = null;
}

function connect() {
  closeSocket();
  socket = new WebSocket(`wss://${location.host}/ws/v1/conferences/${encodeURIComponent(place.conferenceId)}`);
  socket.onopen = () => {
    reconnectDelay = 1000;
    socket.send(JSON.stringify({ type: 'auth', token: place.token }));
    clearInterval(keepalive);
    keepalive = setInterval(() => socket?.readyState === WebSocket.OPEN && socket.send('{"type":"ping"}'), KEEPALIVE_MS);
  };
  socket.onmessage = (event) => handle(JSON.parse(event.data));
  socket.onclose = (event) => {
    clearInterval(keepalive);
    if (!place) return;
    if (event.code === REPLACED) {
      status(t('join.replaced'), 'error');
      return;
    }
    setTimeout(() => place && connect(), reconnectDelay);
    reconnectDelay = Math.min(reconnectDelay * 2, 15000);
  };
}

function handle(message) {
  switch (message.type) {
    case 'waiting':
      remember({ ...place, reason: message.reason });
      showLobbyReason(message.reason);
      break;
    case 'admitted':
      enterConference({ ...message, displayName: place.displayName });
      break;
    case 'ready':
      roster = message.participants;
      lobby = message.lobby || [];
      locked = message.locked;
      renderConference();
      call?.connect();
      break;
    case 'answer':
    case 'renegotiate':
      call?.handle(message);
      break;
    case 'joined':
      roster = [...roster.filter((p) => p.participantId !== message.participant.participantId), message.participant];
      renderConference();
      break;
    case 'left':
      roster = roster.filter((p) => p.participantId !== message.participant.participantId);
      call?.drop(message.participant.participantId);
      renderConference();
      break;
    case 'lobby':
      applyLobbyChange(message.change, message.participant);
      renderConference();
      break;
    case 'locked':
    case 'unlocked':
      locked = message.type === 'locked';
      renderConference();
      break;
    case 'removed':
      forget(t('join.removed'), 'error');
      break;
    case 'ended':
      forget(t('join.ended'));
      break;
    case 'error':
      if (message.error === 'lobby_timeout') forget(t('join.lobbyTimeout'), 'error');
      else if (message.error === 'sdp_policy') status(t('join.mediaRefused', { rule: described('join.sdpRule.', message.rule) }), 'error');
      else if (message.error === 'media_failed') mediaFailed(message.reason);
      else if (message.error === 'unauthenticated') {
        if (place?.kind === 'join') refresh().then((ok) => ok && connect());
        else forget(t(message.reason === 'token_spent' ? 'error.token_spent' : 'join.placeLost'), 'error');
      }
      break;
    default:
      break;
  }
}

/**
 * Hosts get the lobby whole once (in 'ready'), then one change at a time: 'joined' adds an entry or replaces the
 * same participant's (who now waits for another reason); 'left' and 'admitted' take it out.
 */
function applyLobbyChange(change, participant) {
  const same = (waiting) => waiting.participantId === participant.participantId;
  if (change !== 'joined') lobby = lobby.filter((waiting) => !same(waiting));
  else if (lobby.some(same)) lobby = lobby.map((waiting) => (same(waiting) ? participant : waiting));
  else lobby = [...lobby, participant];
}

// Reasons the network can cure; the others (a certificate or profile the policy refuses) would fail the same way again.
const RECOVERABLE_MEDIA_FAILURES = new Set(['ice_checks_failed', 'ice_timed_out', 'ice_consent_expired', 'dtls_timeout']);
const MEDIA_RECONNECT_ATTEMPTS = 5;
let mediaReconnects = 0;
let mediaReconnectTimer = null;

/** The gateway ended the media connection: a new one after 1, 2, 4, 8 and 16 seconds, then the person is told. */
function mediaFailed(reason) {
  clearTimeout(mediaReconnectTimer);
  if (!call || !RECOVERABLE_MEDIA_FAILURES.has(reason) || mediaReconnects >= MEDIA_RECONNECT_ATTEMPTS) {
    status(t('join.mediaFailed', { reason: described('join.mediaReason.', reason) }), 'error');
    return;
  }
  status(t('join.mediaReconnecting', { reason: described('join.mediaReason.', reason) }));
  const delay = 1000 * 2 ** mediaReconnects++;
  mediaReconnectTimer = setTimeout(() => call?.reconnect(), delay);
}

function mediaConnected() {
  if (mediaReconnects > 0) status('');
  mediaReconnects = 0;
}

function renderConference() {
  section('roster').replaceChildren(...roster.map((participant) => {
    const item = document.createElement('li');
    const box = document.createElement('div');
    box.className = 'panel roster-entry';
    const name = document.createElement('span');
    name.textContent = participant.displayName + ' · ' + t('role.' + participant.role)
      + (participant.participantId === place?.participantId ? ' · ' + t('join.you') : '');
    box.append(name);
    if (place?.role === 'host' && participant.participantId !== place.participantId) {
      box.append(button(t('join.remove'), 'danger', () => control('remove', participant.participantId)));
    }
    item.append(box);
    return item;
  }));
  section('lobby-list').replaceChildren(...lobby.map((waiting) => {
    const item = document.createElement('li');
    const box = document.createElement('div');
    box.className = 'panel roster-entry';
    const name = document.createElement('span');
    name.textContent = waiting.displayName + ' · ' + t(LOBBY_REASON_TEXTS[waiting.reason] || 'join.reasonHost');
    const actions = document.createElement('span');
    actions.className = 'actions';
    actions.append(button(t('join.admit'), '', () => control('admit', waiting.participantId)),
      button(t('join.remove'), 'secondary', () => control('remove', waiting.participantId)));
    box.append(name, actions);
    item.append(box);
    return item;
  }));
  section('lobby-empty').hidden = lobby.length > 0;
  section('lock-state').textContent = locked ? t('join.isLocked') : '';
  call?.renameTiles();
  section('toggle-lock').textContent = t(locked ? 'join.unlock' : 'join.lock');
}

function button(label, kind, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  if (kind) element.className = kind;
  element.addEventListener('click', onClick);
  return element;
}

// ---- start ----------------------------------------------------------------------------------------------

renderFrame({ home: '/', account: false });
await startLanguage();
document.addEventListener('vestibule:language', () => {
  if (place?.kind === 'lobby') showLobbyReason(place.reason);
  if (place?.kind === 'join') {
    section('own-role').textContent = t('role.' + place.role);
    renderConference();
  }
});
section('room-alias').textContent = alias;
section('display-name').value = localStorage.getItem('vestibule.displayName') || '';
section('join-form').addEventListener('submit', join);
section('leave-lobby').addEventListener('click', leave);
section('leave-conference').addEventListener('click', leave);
section('toggle-lock').addEventListener('click', () => control(locked ? 'unlock' : 'lock'));
section('check-devices').addEventListener('click', checkDevices);
section('toggle-audio').addEventListener('click', () => toggleMedia('audio', 'toggle-audio'));
section('toggle-video').addEventListener('click', () => toggleMedia('video', 'toggle-video'));
section('end-meeting').addEventListener('click', () => {
  if (confirm(t('join.confirmEnd'))) control('end');
});

if (place?.kind === 'join') {
  if (await refresh()) enterConference({ token: place.token, expires: (place.expires - Date.now()) / 1000, role: place.role,
    participantId: place.participantId, conferenceId: place.conferenceId, displayName: place.displayName });
} else if (place?.kind === 'lobby') {
  enterLobby({ token: place.token, reason: place.reason, participantId: place.participantId,
    conferenceId: place.conferenceId, displayName: place.displayName });
} else {
  show('join-form-section');
}
