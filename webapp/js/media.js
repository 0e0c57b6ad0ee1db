// Camera and microphone for the join page: one RTCPeerConnection per other participant (mesh), negotiated through
// the conference WebSocket, whose server checks every offer and answer against the DTLS-SRTP policy (R-RTC-2).
// A participant whose socket becomes ready offers to everyone present; the others answer. When two offer to each
// other at once, the participant with the smaller id keeps its offer ("impolite") and the other yields.

/** Camera and microphone, or an empty stream when the browser has none or the person says no. */
export async function openDevices() {
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  } catch {
    return new MediaStream();
  }
}

export class MeshCall {
  /**
   * @param {object} options
   * @param {string} options.selfId the own participant id
   * @param {(message: object) => void} options.send sends one message on the conference WebSocket
   * @param {HTMLElement} options.tiles where the video tiles go
   * @param {(participantId: string) => string} options.nameOf a participant's display name
   * @param {MediaStream} [options.local] camera and microphone already opened (the preview), if any
   */
  constructor({ selfId, send, tiles, nameOf, local = null }) {
    this.selfId = selfId;
    this.send = send;
    this.tiles = tiles;
    this.nameOf = nameOf;
    this.peers = new Map();
    this.local = local;
    this.opening = null;
  }

  /** Opens camera and microphone once; without them the participant still receives the others. */
  async start() {
    this.opening ??= (this.local ? Promise.resolve(this.local) : openDevices()).then((stream) => {
      this.local = stream;
      this.tile(this.selfId, stream, true);
      return stream;
    });
    return this.opening;
  }

  /** Offers to each participant present (the socket has just become ready). */
  async offerToAll(participantIds) {
    await this.start();
    for (const id of participantIds) {
      if (id !== this.selfId) await this.offerTo(id);
    }
  }

  async offerTo(peerId) {
    const peer = this.newPeer(peerId);
    peer.makingOffer = true;
    try {
      await peer.pc.setLocalDescription(await peer.pc.createOffer());
      this.send({ type: 'offer', to: peerId, sdp: peer.pc.localDescription.sdp });
    } finally {
      peer.makingOffer = false;
    }
  }

  async handle(message) {
    const from = message.from;
    if (message.type === 'offer') {
      const existing = this.peers.get(from);
      const collision = existing && (existing.makingOffer || existing.pc.signalingState !== 'stable');
      if (collision && this.selfId < from) return;
      await this.start();
      const peer = this.newPeer(from);
      await peer.pc.setRemoteDescription({ type: 'offer', sdp: message.sdp });
      await this.flushCandidates(peer);
      await peer.pc.setLocalDescription(await peer.pc.createAnswer());
      this.send({ type: 'answer', to: from, sdp: peer.pc.localDescription.sdp });
    } else if (message.type === 'answer') {
      const peer = this.peers.get(from);
      if (!peer || peer.pc.signalingState !== 'have-local-offer') return;
      await peer.pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
      await this.flushCandidates(peer);
    } else if (message.type === 'candidate') {
      const peer = this.peers.get(from);
      if (!peer) return;
      if (peer.pc.remoteDescription) await peer.pc.addIceCandidate(message.candidate).catch(() => {});
      else peer.pending.push(message.candidate);
    }
  }

  /** A participant left or was removed: their connection and tile go. */
  drop(peerId) {
    const peer = this.peers.get(peerId);
    if (peer) peer.pc.close();
    this.peers.delete(peerId);
    this.tiles.querySelector(`[data-participant="${CSS.escape(peerId)}"]`)?.remove();
  }

  /** Leaving: every connection closes and camera and microphone are released. */
  stop() {
    for (const id of [...this.peers.keys()]) this.drop(id);
    this.local?.getTracks().forEach((track) => track.stop());
    this.local = null;
    this.opening = null;
    this.tiles.replaceChildren();
  }

  /** Turns the own audio or video on or off; returns whether it is now on. */
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

  newPeer(peerId) {
    this.peers.get(peerId)?.pc.close();
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    const peer = { pc, pending: [], makingOffer: false };
    this.peers.set(peerId, peer);
    this.local.getTracks().forEach((track) => pc.addTrack(track, this.local));
    if (this.local.getTracks().length === 0) {
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
    pc.onicecandidate = ({ candidate }) => {
      if (candidate && candidate.candidate) {
        this.send({ type: 'candidate', to: peerId,
          candidate: { candidate: candidate.candidate, sdpMid: candidate.sdpMid, sdpMLineIndex: candidate.sdpMLineIndex } });
      }
    };
    pc.ontrack = ({ streams }) => {
      if (streams[0]) this.tile(peerId, streams[0], false);
    };
    return peer;
  }

  async flushCandidates(peer) {
    for (const candidate of peer.pending.splice(0)) await peer.pc.addIceCandidate(candidate).catch(() => {});
  }

  tile(participantId, stream, own) {
    let tile = this.tiles.querySelector(`[data-participant="${CSS.escape(participantId)}"]`);
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
      this.tiles.append(tile);
    }
    tile.querySelector('figcaption').textContent = this.nameOf(participantId);
    const video = tile.querySelector('video');
    if (video.srcObject !== stream) video.srcObject = stream;
  }
}
