// A person's tile in the grid: their video, name, badges for what they turned off, a mark for how their
// connection fares, and its buttons (pin, full screen, picture-in-picture; remove, for hosts).
// Names are text, always: textContent, never innerHTML.

const BADGES = [
  ['audio', false, '🔇', 'microphone off'],
  ['video', false, '🚫', 'camera off'],
  ['screen', true, '🖥', 'sharing the screen'],
  ['hand', true, '✋', 'raised a hand'],
];

// drawn, not typed: not every font has these marks
const ICONS = {
  fullscreen: 'M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4',
  pip: 'M1.5 3.5h13v9h-13zM8.5 8h4.5v3.5H8.5z',
};

/** A remote peer's tile, connecting; {@code onRemove} is what its Remove button (shown to hosts) does. */
export function createTile(peerId, name, { grid, onRemove, onNotice }) {
  const tile = document.createElement('figure');
  tile.className = 'tile';
  tile.dataset.peer = peerId;
  tile.innerHTML = '<video autoplay playsinline></video><figcaption><span class="host-mark" title="host" hidden>★</span>'
      + '<span class="label"></span> <span class="badges"></span> <span class="quality" role="img" hidden></span>'
      + '<span class="state"></span> <span class="tile-buttons"><button type="button" class="pin" aria-pressed="false">Pin</button>'
      + '<button type="button" class="remove" hidden>Remove</button></span></figcaption>';
  tile.querySelector('.label').textContent = name;
  tile.querySelector('.remove').addEventListener('click', onRemove);
  setTileState(tile, 'connecting');
  makePinnable(tile, name, { grid, onNotice });
  return tile;
}

/** connecting, connected, reconnecting, failed, left: shown on the tile unless all is well. */
export function setTileState(tile, state) {
  tile.dataset.state = state;
  tile.querySelector('.state').textContent = state === 'connected' ? '' : state;
}

/**
 * A tile's buttons: Pin (a click anywhere on its video too) pins it large, again and it is back in the grid;
 * full screen; picture-in-picture where the browser has it.
 */
export function makePinnable(tile, who, { grid, onNotice }) {
  const button = tile.querySelector('.pin');
  button.setAttribute('aria-label', `Pin ${who}`);
  button.addEventListener('click', () => grid.togglePin(tile));
  const video = tile.querySelector('video');
  video.addEventListener('click', () => grid.togglePin(tile));
  const buttons = tile.querySelector('.tile-buttons');
  const full = tileButton('fullscreen', ICONS.fullscreen, `Show ${who} full screen`);
  full.addEventListener('click', () => (document.fullscreenElement === tile ? document.exitFullscreen() : tile.requestFullscreen())
    .catch(() => onNotice('This browser would not show the video full screen.')));
  buttons.prepend(full);
  if (document.pictureInPictureEnabled && video.requestPictureInPicture) {
    const pip = tileButton('pip', ICONS.pip, `Show ${who} in a floating window`);
    pip.addEventListener('click', () => (document.pictureInPictureElement === video ? document.exitPictureInPicture() : video.requestPictureInPicture())
      .catch(() => onNotice('This browser would not show the video in a floating window.')));
    buttons.prepend(pip);
  }
}

function tileButton(className, path, label) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  line.setAttribute('d', path);
  svg.append(line);
  button.append(svg);
  button.title = label;
  button.setAttribute('aria-label', label);
  return button;
}

/** What a peer has turned off (or is sharing), as marks a screen reader names. */
export function showBadges(element, state) {
  element.replaceChildren(...BADGES.filter(([key, when]) => Boolean(state[key]) === when).map(([key, , mark, label]) => {
    const badge = document.createElement('span');
    badge.className = `badge ${key}`;
    badge.setAttribute('role', 'img');
    badge.setAttribute('aria-label', label);
    badge.title = label;
    badge.textContent = mark;
    return badge;
  }));
}

/** Good, fair or poor from the round-trip time and the share of packets lost, with the figures in its name. */
export function showQuality(mark, { rtt, loss }) {
  if (rtt === null && loss === null) return;
  const ms = rtt === null ? null : Math.round(rtt * 1000);
  const lost = loss === null ? 0 : loss;
  const grade = (ms ?? 0) > 600 || lost > 0.1 ? 'poor' : (ms ?? 0) > 300 || lost > 0.03 ? 'fair' : 'good';
  mark.hidden = false;
  mark.dataset.grade = grade;
  mark.textContent = { good: '▂▄▆', fair: '▂▄', poor: '▂' }[grade];
  const parts = [ms === null ? null : `${ms} ms round trip`, loss === null ? null : `${(lost * 100).toFixed(0)}% lost`].filter(Boolean);
  mark.setAttribute('aria-label', `connection ${grade}: ${parts.join(', ')}`);
  mark.title = mark.getAttribute('aria-label');
}
