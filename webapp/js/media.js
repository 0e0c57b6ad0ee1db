// Camera and microphone for the join page: one RTCPeerConnection to the conference's media gateway, negotiated
// through the conference WebSocket, whose server checks every offer against the DTLS-SRTP policy (R-RTC-2).

/** Camera and microphone, or an empty stream when the browser has none or the person says no. */
export async function openDevices() {
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  } catch {
    return new MediaStream();
  }
}

/**
 * Camera and microphone through the conference's media gateway (R-RTC-3): one RTCPeerConnection to the gateway,
 * which receives this participant's audio and video and sends it everyone else's, encrypted per hop. The page always
 * offers; when others' tracks are waiting the gateway asks for as many receiving sections ("renegotiate") and the
 * page offers again with them. Each remote stream is a participant, named by the gateway.
 */
export class GatewayCall {
  /**
   * @param {object} options
   * @param {string} options.selfId the own participant id
   * @param {(message: object) => void} options.send sends one message on the conference WebSocket
   * @param {HTMLElement} options.tiles where the video tiles go
   * @param {(participantId: string) => string} options.nameOf a participant's display name
   * @param {MediaStream} [options.local] camera and microphone already opened (the preview), if any
   * @param {() => void} [options.onConnected] called each time a connection to the gateway is established
   */
  constructor({ selfId, send, tiles, nameOf, local = null, onConnected = () => {} }) {
    this.selfId = selfId;
    this.onConnected = onConnected;
    this.send = send;
    this.tiles = tiles;
    this.nameOf = nameOf;
    this.local = local;
    this.opening = null;
    this.pc = null;
    this.wanted = { audio: 0, video: 0 };
    this.offering = false;
    this.offerAgain = false;
    this.connecting = null;
  }

  async start() {
    this.opening ??= (this.local ? Promise.resolve(this.local) : openDevices()).then((stream) => {
      this.local = stream;
      tileFor(this.tiles, this.selfId, this.nameOf, true).querySelector('video').srcObject = stream;
      return stream;
    });
    return this.opening;
  }

  /** The socket is ready: connect to the gateway, or offer again on a new socket. */
  async connect() {
    await this.start();
    this.connecting ??= this.newConnection().then((pc) => { this.pc = pc; });
    await this.connecting;
    await this.offer();
  }

  async handle(message) {
    if (message.from !== 'gateway' || !this.pc) return;
    if (message.type === 'answer') {
      if (this.pc.signalingState !== 'have-local-offer') return;
      await this.pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
      this.offering = false;
      if (this.offerAgain) await this.offer();
    } else if (message.type === 'renegotiate') {
      this.wanted = { audio: message.receive?.audio || 0, video: message.receive?.video || 0 };
      await this.offer();
    }
  }

  /** A participant left or was removed: their tile goes; the gateway has stopped sending their tracks. */
  drop(participantId) {
    this.tiles.querySelector(`[data-participant="${CSS.escape(participantId)}"]`)?.remove();
  }

  /** Leaving (or removed): the connection closes, devices are released, the media certificate is forgotten. */
  stop() {
    this.closeConnection();
    forgetMediaCertificate(this.selfId);
    this.local?.getTracks().forEach((track) => track.stop());
    this.local = null;
    this.opening = null;
    this.tiles.replaceChildren();
  }

  toggle(kind) {
    const tracks = kind === 'audio' ? this.local?.getAudioTracks() : this.local?.getVideoTracks();
    if (!tracks?.length) return false;
    const enabled = !tracks[0].enabled;
    tracks.forEach((track) => { track.enabled = enabled; });
    return enabled;
  }

  renameTiles() {
    for (const tile of this.tiles.querySelectorAll('[data-participant]')) {
      tile.querySelector('figcaption').textContent = this.nameOf(tile.dataset.participant);
    }
  }

  /**
   * The gateway ended this connection for a reason the network can cure (its checks failed, consent expired, the
   * handshake timed out): a new connection, with the same certificate, so the media stays bound to this participant.
   * The remote tiles stay and take the new tracks as they come.
   */
  async reconnect() {
    this.closeConnection();
    await this.connect();
  }

  closeConnection() {
    this.pc?.close();
    this.pc = null;
    this.connecting = null;
    this.offering = false;
    this.offerAgain = false;
  }

  /** Offers once at a time; a request that comes while an offer is out is offered when its answer is in. */
  async offer() {
    if (this.offering || this.pc.signalingState !== 'stable') {
      this.offerAgain = true;
      return;
    }
    this.offering = true;
    this.offerAgain = false;
    for (const kind of ['audio', 'video']) {
      const receiving = this.pc.getTransceivers().filter((transceiver) => transceiver.direction === 'recvonly'
        && transceiver.receiver.track.kind === kind).length;
      for (let added = receiving; added < this.wanted[kind]; added++) this.pc.addTransceiver(kind, { direction: 'recvonly' });
    }
    await this.pc.setLocalDescription(await this.pc.createOffer());
    this.send({ type: 'offer', to: 'gateway', sdp: this.pc.localDescription.sdp });
  }

  async newConnection() {
    const certificate = await mediaCertificate(this.selfId);
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require',
      ...(certificate ? { certificates: [certificate] } : {}) });
    this.local.getTracks().forEach((track) => pc.addTransceiver(track, { direction: 'sendonly', streams: [this.local] }));
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === 'connected' && pc === this.pc) this.onConnected();
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate && candidate.candidate) {
        this.send({ type: 'candidate', to: 'gateway',
          candidate: { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex } });
      }
    };
    pc.ontrack = ({ track, streams }) => {
      const participantId = streams[0]?.id;
      if (!participantId || participantId === this.selfId) return;
      const video = tileFor(this.tiles, participantId, this.nameOf, false).querySelector('video');
      if (!(video.srcObject instanceof MediaStream)) video.srcObject = new MediaStream();
      video.srcObject.getTracks().filter((old) => old.kind === track.kind).forEach((old) => video.srcObject.removeTrack(old));
      video.srcObject.addTrack(track);
      if (track.kind === 'video') {
        // A tile shows whether video arrives: the gateway forwards a track only while its sender sends it.
        const tile = video.closest('figure');
        const showing = () => tile.classList.toggle('has-video', !track.muted && track.readyState === 'live');
        track.addEventListener('mute', showing);
        track.addEventListener('unmute', showing);
        track.addEventListener('ended', showing);
        showing();
      }
    };
    return pc;
  }
}

// The gateway binds a participant's media to the DTLS certificate of its first connection (the join token's cnf), so
// the page keeps that certificate for the participant's place, across reloads, in IndexedDB, where its private key
// cannot be read out. Without IndexedDB the page uses a certificate of its own, and a reload loses the media.
const CERTIFICATES = 'certificates';

async function mediaCertificate(participantId) {
  try {
    const db = await certificateStore();
    const kept = await settled(db.transaction(CERTIFICATES).objectStore(CERTIFICATES).get(participantId));
    if (kept && kept.expires > Date.now()) return kept;
    const made = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
    await settled(db.transaction(CERTIFICATES, 'readwrite').objectStore(CERTIFICATES).put(made, participantId));
    return made;
  } catch {
    return null;
  }
}

async function forgetMediaCertificate(participantId) {
  try {
    const db = await certificateStore();
    await settled(db.transaction(CERTIFICATES, 'readwrite').objectStore(CERTIFICATES).delete(participantId));
  } catch {
    // Nothing kept, nothing to forget.
  }
}

function certificateStore() {
  const opening = indexedDB.open('vestibule-media', 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(CERTIFICATES);
  return settled(opening);
}

function settled(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The tile of a participant, made when missing: a video and the name below it. */
function tileFor(tiles, participantId, nameOf, own) {
  let tile = tiles.querySelector(`[data-participant="${CSS.escape(participantId)}"]`);
  if (!tile) {
    tile = document.createElement('figure');
    tile.className = 'tile' + (own ? ' own' : '');
    tile.dataset.participant = participantId;
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = own;
    const caption = document.createElement('figcaption');
    tile.append(video, caption);
    tiles.append(tile);
  }
  tile.querySelector('figcaption').textContent = nameOf(participantId);
  return tile;
}
