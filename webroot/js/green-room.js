// The green room, before joining: the camera's preview, the camera, microphone and speaker to use, the
// microphone's level, whether to join muted or with the camera off, and the name others will see.
// Nothing is sent to the server here: the page connects when the person presses Join.
// The same device selects move into the call's Devices dialog later.
import { canChooseSpeaker, fillSelect, listDevices, remember, remembered, LevelMeter } from './devices.js';

const $ = (id) => document.getElementById(id);

export class GreenRoom {
  #media;
  #room;
  #choices;
  #onDeviceChange;

  /** choices: {name, audio, video} from the link or the last visit; onDeviceChange(kind): a new device is in use. */
  constructor({ media, room, choices, onDeviceChange }) {
    this.#media = media;
    this.#room = room;
    this.#choices = choices;
    this.#onDeviceChange = onDeviceChange;
    this.#wireDevices();
    setInterval(() => this.#showLevel(), 100);
  }

  /** Straight into the call (a link with join=1, or a reload of a tab that was in it): the choices as they were. */
  async skip() {
    const kept = JSON.parse(sessionStorage.getItem(this.#key) ?? 'null') ?? {};
    await this.#media.open({ audio: kept.audio ?? this.#choices.audio, video: kept.video ?? this.#choices.video });
    return { name: this.#choices.name, audio: this.#media.audio, video: this.#media.video };
  }

  /** Shows the green room; resolves with the person's choices when they press Join. */
  async show() {
    // Join may be pressed before the camera is open: the form must never submit itself and reload the page
    const pressed = new Promise((resolve) => {
      $('join-form').addEventListener('submit', (event) => {
        event.preventDefault();
        LevelMeter.resume(); // a click: sound may start now
        resolve();
      }, { once: true });
    });
    $('green-room-title').textContent = `Ready to join ${this.#room}?`;
    $('join-name').value = this.#choices.name;
    $('join-audio').checked = this.#choices.audio;
    $('join-video').checked = this.#choices.video;
    await this.#media.open({ audio: this.#choices.audio, video: this.#choices.video });
    $('join-audio').checked = this.#media.audio;
    $('join-video').checked = this.#media.video;
    $('join-audio').disabled = !this.#media.track('audio');
    this.#showPreview();
    $('green-room-notice').textContent = {
      insecure: 'This page is not secure (https), so the browser offers no camera or microphone. You can still join and see and hear the others.',
      camera: 'No camera found, or no permission to use it. You can still join with your microphone.',
      microphone: 'No microphone found, or no permission to use it. You can still join.',
      both: 'No camera or microphone found, or no permission to use them. You can still join and see and hear the others.',
    }[this.#media.missing] ?? '';
    await this.refreshDevices();
    $('join-audio').addEventListener('change', () => this.#media.setAudio($('join-audio').checked));
    $('join-video').addEventListener('change', async () => {
      await this.#media.setVideo($('join-video').checked);
      $('join-video').checked = this.#media.video;
      this.#showPreview();
      await this.refreshDevices();
    });
    $('join').focus();
    await pressed;
    const name = $('join-name').value.trim().slice(0, 32);
    localStorage.setItem('parley.name', name);
    this.keep();
    return { name, audio: this.#media.audio, video: this.#media.video };
  }

  /** Remembers for this tab whether the microphone and camera are on, for a reload in the call. */
  keep() {
    sessionStorage.setItem(this.#key, JSON.stringify({ audio: this.#media.audio, video: this.#media.video }));
  }

  /** Lists the devices again, each select showing the one in use. */
  async refreshDevices() {
    const found = await listDevices();
    const inUse = this.#media.describe();
    fillSelect($('camera'), found.videoinput, inUse.camera ?? remembered('videoinput'), 'Camera');
    fillSelect($('microphone'), found.audioinput, inUse.microphone ?? remembered('audioinput'), 'Microphone');
    fillSelect($('speaker'), found.audiooutput, remembered('audiooutput') || 'default', 'Speaker');
    const speakers = canChooseSpeaker && found.audiooutput.length > 0;
    document.querySelectorAll('.speaker').forEach((node) => { node.hidden = !speakers; });
  }

  get #key() {
    return `parley.choices.${this.#room}`;
  }

  #wireDevices() {
    for (const [select, kind] of [[$('camera'), 'video'], [$('microphone'), 'audio']]) {
      select.addEventListener('change', async () => {
        if (!(await this.#media.use(kind, select.value))) {
          $('green-room-notice').textContent = `That ${kind === 'video' ? 'camera' : 'microphone'} could not be opened.`;
        }
        this.#showPreview();
        await this.#onDeviceChange(kind);
        await this.refreshDevices();
      });
    }
    $('speaker').addEventListener('change', () => {
      remember('audiooutput', $('speaker').value);
      this.#media.useSpeaker($('speaker').value);
    });
  }

  #showPreview() {
    const preview = $('preview');
    preview.srcObject = null;
    preview.srcObject = this.#media.playable;
    $('preview-off').hidden = Boolean(this.#media.track('video'));
  }

  #showLevel() {
    const meter = $('mic-level');
    if (meter.offsetParent !== null) meter.value = Math.min(1, this.#media.meter.level() * 4);
  }
}
