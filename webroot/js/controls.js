// Your own side of the call: microphone, camera, screen share, raised hand and name, the buttons that switch
// them, your tile, and telling every peer (the state over the data channel, the tracks without renegotiating).

const $ = (id) => document.getElementById(id);

function toggle(button, on, textOn, textOff) {
  button.setAttribute('aria-pressed', String(!on));
  button.textContent = on ? textOn : textOff;
}

export class OwnControls {
  /**
   * {@code local}: what we tell the others ({audio, video, screen, hand, name}); {@code links}: remote peer id ->
   * PeerLink; {@code onChange()}: our state changed (badges, green-room memory); {@code onName(name)}: a new name.
   */
  constructor({ media, local, links, onChange, onName, onNotice }) {
    Object.assign(this, { media, local, links, onChange, onName, onNotice });
    $('toggle-mic').addEventListener('click', async () => {
      await media.setAudio(!local.audio);
      this.showMic();
      await this.sendEverywhere('audio');
    });
    $('toggle-camera').addEventListener('click', async () => {
      await media.setVideo(!local.video);
      if (media.video !== !local.video) onNotice('The camera could not be turned on (none, or no permission).');
      this.showCamera();
      await this.sendEverywhere('video');
    });
    $('raise-hand').addEventListener('click', () => {
      local.hand = !local.hand;
      toggle($('raise-hand'), !local.hand, 'Raise hand', 'Lower hand');
      this.broadcast();
    });
    $('toggle-screen').addEventListener('click', async () => (media.screenTrack ? this.stopScreen() : this.startScreen()));
    $('name').value = local.name;
    $('name').addEventListener('change', () => {
      local.name = $('name').value.trim().slice(0, 32);
      localStorage.setItem('parley.name', local.name);
      onName(local.name);
      this.broadcast();
    });
  }

  /** Our state to every peer, and our own tile's badges. */
  broadcast() {
    this.links.forEach((link) => link.sendState(this.local));
    this.onChange();
  }

  /** Sends what is now chosen for {@code kind} on every link: no renegotiation. */
  sendEverywhere(kind) {
    return Promise.all([...this.links.values()].map((link) => link.send(kind)));
  }

  showName(name) {
    $('name').value = name;
  }

  showMic() {
    this.local.audio = this.media.audio;
    toggle($('toggle-mic'), this.local.audio, 'Mute', 'Unmute');
    this.broadcast();
  }

  showCamera() {
    this.local.video = this.media.video;
    toggle($('toggle-camera'), this.local.video, 'Camera off', 'Camera on');
    this.showLocalVideo();
    this.broadcast();
  }

  showLocalVideo() {
    if (this.media.screenTrack) return; // the screen shows while it is shared
    $('local-video').srcObject = null;
    $('local-video').srcObject = this.media.playable;
    $('tile-local').classList.toggle('no-video', !this.media.track('video'));
  }

  /** Another camera or microphone is in use (from the Devices dialog): everyone gets it, no renegotiation. */
  async deviceChanged(kind) {
    if (kind === 'video') this.showLocalVideo();
    await this.sendEverywhere(kind);
  }

  async startScreen() {
    try {
      const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
      this.media.screenTrack = screen.getVideoTracks()[0];
      this.media.screenTrack.addEventListener('ended', () => this.stopScreen());
      await this.sendEverywhere('video');
      $('local-video').srcObject = screen;
      $('tile-local').classList.remove('no-video');
      this.local.screen = true;
      toggle($('toggle-screen'), false, 'Share screen', 'Stop sharing');
      this.broadcast();
    } catch {
      this.onNotice('Screen sharing was cancelled or is not available.');
    }
  }

  async stopScreen() {
    if (!this.media.screenTrack) return;
    this.media.screenTrack.stop();
    this.media.screenTrack = null;
    await this.sendEverywhere('video');
    this.showLocalVideo();
    this.local.screen = false;
    toggle($('toggle-screen'), true, 'Share screen', 'Stop sharing');
    this.broadcast();
  }
}
