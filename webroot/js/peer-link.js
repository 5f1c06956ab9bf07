// A peer link: one RTCPeerConnection to one remote peer, negotiated with "perfect negotiation"
// (https://developer.mozilla.org/docs/Web/API/WebRTC_API/Perfect_negotiation): either side may
// renegotiate at any time; on glare the polite side yields. Every signal carries this link's id,
// so a peer that reloaded its page (and so has a new RTCPeerConnection) is recognised.
//
// Events: 'signal' ({type, data}: send to the remote peer), 'track' ({stream}),
// 'state' ({state: 'connecting'|'connected'|'reconnecting'|'failed'|'closed'}), 'chat' ({text, at}),
// 'remote-state' ({audio, video, screen, name}), 'relay-error' ({url, code, text}).

export class PeerLink extends EventTarget {
  #pc;
  #polite;
  #makingOffer = false;
  #ignoreOffer = false;
  #channel = null;
  #pendingCandidates = [];
  remoteId;
  linkId = crypto.randomUUID();
  remoteLinkId = null;

  // initiator: this side offers first (the newcomer does); the other adds its media on the first offer.
  constructor({ remoteId, localId, iceServers, iceTransportPolicy, media, initiator }) {
    super();
    this.remoteId = remoteId;
    this.#polite = localId > remoteId;
    this.media = media;
    this.#pc = new RTCPeerConnection({ iceServers, iceTransportPolicy });
    this.#pc.onnegotiationneeded = () => this.#negotiate();
    this.#pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.#emit('signal', { type: 'candidate', data: { link: this.linkId, candidate: candidate.toJSON() } });
    };
    this.#pc.ontrack = ({ streams: [stream] }) => this.#emit('track', { stream });
    this.#pc.onconnectionstatechange = () => this.#onConnectionState();
    // e.g. 401 from a TURN server that refused our credentials
    this.#pc.onicecandidateerror = ({ url, errorCode, errorText }) => {
      if (url?.startsWith('turn')) this.#emit('relay-error', { url, code: errorCode, text: errorText });
    };
    if (initiator) this.#addMedia();
  }

  get pc() {
    return this.#pc;
  }

  // A signal from the remote peer, already known to come from remoteId.
  async handle(type, data) {
    // a signal from another connection of theirs (an old one, or a reloaded page): the page decides
    if (data?.link && this.remoteLinkId && data.link !== this.remoteLinkId) return;
    if (data?.link) this.remoteLinkId ??= data.link;
    try {
      if (type === 'candidate') {
        if (!this.#pc.remoteDescription) {
          this.#pendingCandidates.push(data.candidate);
          return;
        }
        await this.#addCandidate(data.candidate);
        return;
      }
      const description = data.description;
      const collision = description.type === 'offer' && (this.#makingOffer || this.#pc.signalingState !== 'stable');
      this.#ignoreOffer = !this.#polite && collision;
      if (this.#ignoreOffer) return;
      await this.#pc.setRemoteDescription(description);
      if (!this.#hasMedia) this.#addMedia();
      for (const candidate of this.#pendingCandidates.splice(0)) await this.#addCandidate(candidate);
      if (description.type === 'offer') {
        await this.#pc.setLocalDescription();
        this.#emit('signal', { type: 'answer', data: { link: this.linkId, description: this.#pc.localDescription.toJSON() } });
      }
    } catch (error) {
      console.warn(`negotiation with ${this.remoteId} failed`, error);
    }
  }

  // Swaps the outgoing video (camera <-> screen) without renegotiating.
  async replaceVideo(track) {
    const transceiver = this.#pc.getTransceivers().find((t) => t.sender === this.videoSender);
    if (!transceiver) return;
    await transceiver.sender.replaceTrack(track);
    // a receive-only side that starts sharing must now send: the one case that renegotiates
    if (track && transceiver.direction === 'recvonly') transceiver.direction = 'sendrecv';
  }

  sendChat(text) {
    if (this.#channel?.readyState !== 'open') return false;
    this.#channel.send(JSON.stringify({ kind: 'chat', text, at: Date.now() }));
    return true;
  }

  sendState(state) {
    if (this.#channel?.readyState === 'open') this.#channel.send(JSON.stringify({ kind: 'state', ...state }));
  }

  // Frames of remote video decoded so far: what tells a person the picture is moving.
  async framesDecoded() {
    const stats = await this.#pc.getStats();
    let frames = 0;
    stats.forEach((report) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
    });
    return frames;
  }

  // True when the media path in use goes through a TURN relay.
  async usesRelay() {
    const stats = await this.#pc.getStats();
    let pair = null;
    stats.forEach((report) => {
      if (report.type === 'transport' && report.selectedCandidatePairId) pair = stats.get(report.selectedCandidatePairId);
    });
    return pair ? stats.get(pair.localCandidateId)?.candidateType === 'relay' : false;
  }

  restartIce() {
    this.#pc.restartIce();
  }

  close() {
    this.#channel?.close();
    this.#pc.close();
    this.#emit('state', { state: 'closed' });
  }

  get #hasMedia() {
    return this.#channel !== null;
  }

  #addMedia() {
    const { stream } = this.media;
    for (const kind of ['audio', 'video']) {
      const track = stream?.getTracks().find((t) => t.kind === kind);
      if (track) {
        const sender = this.#pc.addTrack(track, stream);
        if (kind === 'video') this.videoSender = sender;
      } else {
        // no camera or microphone: still receive theirs
        const transceiver = this.#pc.addTransceiver(kind, { direction: 'recvonly' });
        if (kind === 'video') this.videoSender = transceiver.sender;
      }
    }
    if (this.media.screenTrack) this.replaceVideo(this.media.screenTrack);
    // negotiated: both sides open the same channel, so neither waits for the other
    this.#channel = this.#pc.createDataChannel('chat', { negotiated: true, id: 0 });
    this.#channel.onopen = () => this.#emit('channel-open', {});
    this.#channel.onmessage = ({ data }) => this.#onChannelMessage(data);
  }

  async #negotiate() {
    try {
      this.#makingOffer = true;
      await this.#pc.setLocalDescription();
      this.#emit('signal', { type: 'offer', data: { link: this.linkId, description: this.#pc.localDescription.toJSON() } });
    } catch (error) {
      console.warn(`offer to ${this.remoteId} failed`, error);
    } finally {
      this.#makingOffer = false;
    }
  }

  async #addCandidate(candidate) {
    try {
      await this.#pc.addIceCandidate(candidate);
    } catch (error) {
      if (!this.#ignoreOffer) console.warn('bad candidate', error);
    }
  }

  #onConnectionState() {
    const state = this.#pc.connectionState;
    if (state === 'failed') this.#pc.restartIce(); // media actually failed: try new paths
    const shown = { new: 'connecting', connecting: 'connecting', connected: 'connected', disconnected: 'reconnecting', failed: 'reconnecting', closed: 'closed' }[state];
    this.#emit('state', { state: shown });
  }

  #onChannelMessage(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.kind === 'chat' && typeof message.text === 'string') this.#emit('chat', { text: message.text, at: message.at });
    if (message.kind === 'state') {
      const name = typeof message.name === 'string' ? message.name.slice(0, 32) : '';
      this.#emit('remote-state', { audio: !!message.audio, video: !!message.video, screen: !!message.screen, name });
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
