// The camera, microphone and speaker: opening them as the person chose (remembered for the next visit),
// listing what the browser has, and a microphone's level for the meter and the speaking highlight.

const REMEMBERED = { videoinput: 'parley.camera', audioinput: 'parley.microphone', audiooutput: 'parley.speaker' };

/** Whether this browser can route a page's sound to a chosen speaker. */
export const canChooseSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

export function remembered(kind) {
  return localStorage.getItem(REMEMBERED[kind]) || '';
}

export function remember(kind, deviceId) {
  localStorage.setItem(REMEMBERED[kind], deviceId);
}

// `ideal`, not `exact`: a remembered device that is gone gives the default one instead of nothing
function constraint(kind) {
  const id = remembered(kind);
  return id ? { deviceId: { ideal: id } } : true;
}

/**
 * The camera and/or microphone, as far as the browser gives them: {stream, missing} where missing names what
 * could not be had ('camera', 'microphone', 'both', or '' for none) and stream may be null.
 */
export async function openMedia({ audio = true, video = true } = {}) {
  if (!navigator.mediaDevices?.getUserMedia) return { stream: null, missing: 'insecure' };
  const ask = (a, v) => navigator.mediaDevices.getUserMedia({ audio: a && constraint('audioinput'), video: v && constraint('videoinput') });
  if (!audio && !video) return { stream: new MediaStream(), missing: '' };
  try {
    return { stream: await ask(audio, video), missing: '' };
  } catch {
    // one of the two may still be there: ask for each alone
    const stream = new MediaStream();
    for (const [kind, wanted] of [['audio', audio], ['video', video]]) {
      if (!wanted) continue;
      try {
        (await ask(kind === 'audio', kind === 'video')).getTracks().forEach((t) => stream.addTrack(t));
      } catch {
        // not this one
      }
    }
    const has = (kind) => stream.getTracks().some((t) => t.kind === kind);
    const lost = [audio && !has('audio') && 'microphone', video && !has('video') && 'camera'].filter(Boolean);
    return { stream: stream.getTracks().length ? stream : null, missing: lost.length === 2 ? 'both' : (lost[0] ?? '') };
  }
}

/**
 * One new track of {@code kind} ('audio' or 'video'): from {@code deviceId} exactly (a person just chose it), else
 * from the device remembered for it; null if none can be had.
 */
export async function openTrack(kind, deviceId = null) {
  const wanted = deviceId ? { deviceId: { exact: deviceId } } : constraint(kind === 'audio' ? 'audioinput' : 'videoinput');
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ [kind]: wanted });
    return stream.getTracks()[0] ?? null;
  } catch {
    return null;
  }
}

/** The browser's devices by kind: {videoinput: [...], audioinput: [...], audiooutput: [...]}. */
export async function listDevices() {
  const found = { videoinput: [], audioinput: [], audiooutput: [] };
  if (!navigator.mediaDevices?.enumerateDevices) return found;
  for (const device of await navigator.mediaDevices.enumerateDevices()) {
    if (found[device.kind] && device.deviceId) found[device.kind].push(device);
  }
  return found;
}

/** Fills a select with {@code devices}, selecting the one in use (or remembered). */
export function fillSelect(select, devices, selectedId, fallback) {
  const options = devices.map((device, i) => {
    const option = document.createElement('option');
    option.value = device.deviceId;
    option.textContent = device.label || `${fallback} ${i + 1}`;
    option.selected = device.deviceId === selectedId;
    return option;
  });
  select.replaceChildren(...options);
  select.disabled = options.length === 0;
}

let audioContext = null;

/** The level (0..1, RMS) of an audio track, read when asked: for the meter and for who is speaking. */
export class LevelMeter {
  #analyser = null;
  #source = null;
  #samples = new Float32Array(1024);

  set track(track) {
    this.#source?.disconnect();
    this.#source = null;
    if (!track || typeof AudioContext === 'undefined') return;
    if (!audioContext) {
      audioContext = new AudioContext();
      // a browser may hold a page's audio until a person touches it: any click or key in the page starts it
      if (audioContext.state === 'suspended') {
        for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, LevelMeter.resume, { once: true, capture: true });
      }
    }
    this.#analyser ??= Object.assign(audioContext.createAnalyser(), { fftSize: 1024 });
    this.#source = audioContext.createMediaStreamSource(new MediaStream([track]));
    this.#source.connect(this.#analyser);
  }

  /** A page's sound may only start after a click: call this from one (Join is one). */
  static resume() {
    audioContext?.resume().catch(() => {});
  }

  level() {
    if (!this.#source) return 0;
    this.#analyser.getFloatTimeDomainData(this.#samples);
    let sum = 0;
    for (const sample of this.#samples) sum += sample * sample;
    return Math.sqrt(sum / this.#samples.length);
  }
}
