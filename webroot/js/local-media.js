// This page's own camera and microphone: the tracks in use, what the person chose to send, and switching
// devices. PeerLinks read outgoing(kind) for the track to send now (null while muted or the camera is off).
import { LevelMeter, openMedia, openTrack, remember, canChooseSpeaker, remembered } from './devices.js';

export class LocalMedia {
  stream = new MediaStream(); // camera and microphone, one track of each at most
  screenTrack = null;
  audio = true; // the microphone is sent (not muted)
  video = true; // the camera is on
  missing = ''; // what could not be had at start: '', 'camera', 'microphone', 'both', 'insecure'
  meter = new LevelMeter();
  #sinks = new Set(); // the remote videos, whose sound goes to the chosen speaker

  track(kind) {
    return this.stream.getTracks().find((t) => t.kind === kind) ?? null;
  }

  /**
   * The stream for a local video element, or null when it has no track: a media element showing an empty
   * stream never gets its metadata, and holds back the page's load event for ever.
   */
  get playable() {
    return this.stream.getTracks().length ? this.stream : null;
  }

  outgoing(kind) {
    if (kind === 'video') return this.screenTrack ?? (this.video ? this.track('video') : null);
    return this.audio ? this.track('audio') : null;
  }

  /** Opens the microphone, and the camera unless it is to stay off. */
  async open({ audio, video }) {
    const { stream, missing } = await openMedia({ audio: true, video });
    this.missing = missing;
    stream?.getTracks().forEach((t) => this.#put(t));
    this.audio = audio && this.track('audio') !== null;
    this.video = video && this.track('video') !== null;
    this.#applyMute();
  }

  async setAudio(on) {
    this.audio = on && this.track('audio') !== null;
    this.#applyMute();
  }

  /** The camera is closed when turned off (its light goes out), and opened again when turned on. */
  async setVideo(on) {
    if (!on) {
      this.#take('video');
      this.video = false;
      return;
    }
    if (!this.track('video')) {
      const track = await openTrack('video');
      if (track) this.#put(track);
    }
    this.video = this.track('video') !== null;
  }

  /** Switches to another camera or microphone; the caller then sends it on each link (no renegotiation). */
  async use(kind, deviceId) {
    remember(kind === 'audio' ? 'audioinput' : 'videoinput', deviceId);
    if (kind === 'video' && !this.video) return true; // used the next time the camera is turned on
    const track = await openTrack(kind, deviceId);
    if (!track) return false;
    this.#take(kind);
    this.#put(track);
    this.#applyMute();
    return true;
  }

  /** The speaker for every remote video, now and to come. */
  async useSpeaker(deviceId) {
    remember('audiooutput', deviceId);
    await Promise.all([...this.#sinks].map((video) => video.setSinkId(deviceId).catch(() => {})));
  }

  routeSound(video) {
    this.#sinks.add(video);
    const id = remembered('audiooutput');
    if (canChooseSpeaker && id) video.setSinkId(id).catch(() => {});
  }

  close() {
    this.stream.getTracks().forEach((t) => t.stop());
    this.screenTrack?.stop();
  }

  /** For tests and debugging: the devices in use. */
  describe() {
    const settings = (kind) => this.track(kind)?.getSettings().deviceId ?? null;
    return { camera: settings('video'), microphone: settings('audio'), cameraLabel: this.track('video')?.label ?? null };
  }

  #put(track) {
    this.stream.addTrack(track);
    if (track.kind === 'audio') this.meter.track = track;
  }

  #take(kind) {
    const track = this.track(kind);
    if (!track) return;
    this.stream.removeTrack(track);
    track.stop();
    if (kind === 'audio') this.meter.track = null;
  }

  // a muted microphone is also disabled, so nothing of it is heard even where a link still holds it
  #applyMute() {
    const mic = this.track('audio');
    if (mic) mic.enabled = this.audio;
  }
}
