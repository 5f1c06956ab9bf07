// A peer link: one RTCPeerConnection to one remote peer, negotiated with "perfect negotiation"
// (https://developer.mozilla.org/docs/Web/API/WebRTC_API/Perfect_negotiation): either side may
// renegotiate at any time; on glare the polite side yields. Every signal carries this link's id,
// so a peer that reloaded its page (and so has a new RTCPeerConnection) is recognised.
//
// Events: 'signal' ({type, data}: send to the remote peer), 'track' ({stream}),
// 'state' ({state: 'connecting'|'connected'|'reconnecting'|'failed'|'closed'}), 'chat' ({text, at}),
// 'remote-state' ({audio, video, screen, hand, name}), 'relay-error' ({url, code, text}),
// 'file-offer' ({id, name, size, sha256}), 'file-answer' ({id, accepted}), 'file-channel' ({id, channel}).
//
// media: {stream, outgoing(kind)}: the local stream, and the track to send of each kind right now
// (null while muted or the camera is off); send(kind) applies a change without renegotiating.

export class PeerLink extends EventTarget {
  #pc;
  #polite;
  #makingOffer = false;
  #ignoreOffer = false;
  #channel = null;
  #pendingCandidates = [];
  #remoteStream = new MediaStream();
  #senders = {};
  #last = null; // the previous stats sample, for rates
  remoteId;
  offersMade = 0; // each one a negotiation: switching devices or muting must not add any
  offersTaken = 0;
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
    // one stream per remote peer, whatever streams their tracks came with (a track added later may have none)
    this.#pc.ontrack = ({ track }) => {
      this.#remoteStream.getTracks().filter((t) => t.kind === track.kind).forEach((t) => this.#remoteStream.removeTrack(t));
      this.#remoteStream.addTrack(track);
      this.#emit('track', { stream: this.#remoteStream });
    };
    this.#pc.ondatachannel = ({ channel }) => {
      if (channel.label.startsWith('file:')) this.#emit('file-channel', { id: channel.label.slice(5), channel });
      else channel.close();
    };
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
      if (description.type === 'offer') this.offersTaken += 1;
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

  // Sends media.outgoing(kind) from now on: mute, camera off, another device, the screen. No renegotiation,
  // except where this side had nothing of that kind to send when the call began.
  async send(kind) {
    const sender = this.#senders[kind];
    const transceiver = this.#pc.getTransceivers().find((t) => t.sender === sender);
    if (!transceiver) return;
    const track = this.media.outgoing(kind);
    if (sender.track !== track) await sender.replaceTrack(track);
    if (track && transceiver.direction === 'recvonly') transceiver.direction = 'sendrecv';
  }

  sendChat(text) {
    return this.#control({ kind: 'chat', text, at: Date.now() });
  }

  sendState(state) {
    this.#control({ kind: 'state', ...state });
  }

  offerFile({ id, name, size, sha256 }) {
    return this.#control({ kind: 'file-offer', id, name, size, sha256 });
  }

  answerFile(id, accepted) {
    return this.#control({ kind: 'file-answer', id, accepted });
  }

  /** A channel of its own for one file: opened by the sender once the receiver accepted. */
  fileChannel(id) {
    const channel = this.#pc.createDataChannel(`file:${id}`, { ordered: true });
    channel.binaryType = 'arraybuffer';
    return channel;
  }

  /** The largest message the other side takes, within what every browser sends well. */
  get chunkSize() {
    return Math.min(64 * 1024, this.#pc.sctp?.maxMessageSize || 16 * 1024);
  }

  #control(message) {
    if (this.#channel?.readyState !== 'open') return false;
    this.#channel.send(JSON.stringify(message));
    return true;
  }

  /**
   * One look at the connection: {level: their voice (0..1, RMS since the last look), rtt (s), loss (0..1 of
   * packets since the last look), audioPackets (received so far)}; null fields where the browser does not say.
   */
  async sample() {
    const stats = await this.#pc.getStats();
    const now = { energy: 0, duration: 0, lost: 0, received: 0, audioPackets: 0, level: null, rtt: null };
    stats.forEach((report) => {
      if (report.type === 'inbound-rtp') {
        now.lost += report.packetsLost ?? 0;
        now.received += report.packetsReceived ?? 0;
        if (report.kind === 'audio') {
          now.audioPackets += report.packetsReceived ?? 0;
          now.energy += report.totalAudioEnergy ?? 0;
          now.duration += report.totalSamplesDuration ?? 0;
          if (report.audioLevel !== undefined) now.level = report.audioLevel;
        }
      }
      // the pair in use says it best; Firefox may not, and its RTCP reports from the far end do
      if (report.type === 'candidate-pair' && (report.nominated || report.selected) && report.state === 'succeeded'
          && report.currentRoundTripTime !== undefined) now.rtt = report.currentRoundTripTime;
      if (report.type === 'remote-inbound-rtp' && report.roundTripTime !== undefined) now.reportedRtt = report.roundTripTime;
    });
    now.rtt ??= now.reportedRtt ?? null;
    const last = this.#last ?? now;
    this.#last = now;
    const seconds = now.duration - last.duration;
    const packets = now.received - last.received + now.lost - last.lost;
    return {
      level: seconds > 0 ? Math.sqrt(Math.max(0, now.energy - last.energy) / seconds) : now.level,
      rtt: now.rtt,
      loss: packets > 0 ? Math.max(0, now.lost - last.lost) / packets : null,
      audioPackets: now.audioPackets,
    };
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
        // added (so the m-line sends), then set to what is sent now: null while muted
        this.#senders[kind] = this.#pc.addTrack(track, stream);
        this.send(kind);
      } else {
        // no camera or microphone, or turned off before joining: still receive theirs
        this.#senders[kind] = this.#pc.addTransceiver(kind, { direction: 'recvonly' }).sender;
        if (this.media.outgoing(kind)) this.send(kind);
      }
    }
    // negotiated: both sides open the same channel, so neither waits for the other
    this.#channel = this.#pc.createDataChannel('chat', { negotiated: true, id: 0 });
    this.#channel.onopen = () => this.#emit('channel-open', {});
    this.#channel.onmessage = ({ data }) => this.#onChannelMessage(data);
  }

  async #negotiate() {
    try {
      this.#makingOffer = true;
      await this.#pc.setLocalDescription();
      this.offersMade += 1;
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
      this.#emit('remote-state', { audio: !!message.audio, video: !!message.video, screen: !!message.screen, hand: !!message.hand, name });
    }
    const id = typeof message.id === 'string' ? message.id.slice(0, 64) : '';
    if (message.kind === 'file-offer' && id && Number.isSafeInteger(message.size) && message.size >= 0) {
      const name = typeof message.name === 'string' && message.name ? message.name.slice(0, 200) : 'file';
      const sha256 = typeof message.sha256 === 'string' ? message.sha256 : null;
      this.#emit('file-offer', { id, name, size: message.size, sha256 });
    }
    if (message.kind === 'file-answer' && id) this.#emit('file-answer', { id, accepted: message.accepted === true });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
