// The call page at /{room}: first the green room (preview, devices, name; nothing sent to the server),
// then the call: one tile per remote peer, controls, chat and files.
// window.parley exposes the call's state for people debugging it and for the browser tests.
import { SignalingChannel } from './signaling.js';
import { PeerLink } from './peer-link.js';
import { Grid } from './grid.js';
import { bindShortcuts } from './shortcuts.js';
import { LocalMedia } from './local-media.js';
import { GreenRoom } from './green-room.js';
import { FileShare } from './files.js';

const room = decodeURIComponent(location.pathname.slice(1));
const $ = (id) => document.getElementById(id);
const links = new Map(); // remote peer id -> PeerLink
const tiles = new Map(); // remote peer id -> tile element
const chatLog = [];
const events = []; // signaling events as they came, newest last: for debugging and tests
const media = new LocalMedia();
const query = new URLSearchParams(location.search);
const local = {
  audio: query.get('audio') !== '0', video: query.get('video') !== '0', screen: false, hand: false,
  name: (query.get('name') ?? localStorage.getItem('parley.name') ?? '').slice(0, 32),
};
const samples = new Map(); // remote peer id -> the last look at its connection: {level, rtt, loss, audioPackets}
// the room's door as the server tells it: hosts, lock, who knocks, the names people joined with
const door = { hosts: new Set(), locked: false, knocks: new Map(), names: new Map(), lobby: null };
let ice = { iceServers: [], iceTransportPolicy: 'all' };
let status = 'connecting';
let notice = '';

const channel = new SignalingChannel(room, { name: local.name, joinToken: query.get('token') });
const files = new FileShare({ log: $('chat-log'), nameOf: (peer) => labelOf(peer), onActivity: () => markUnread() });
let greenRoom = null;

function showNotice(text) {
  notice = text;
  $('notice').textContent = text;
  $('notice').hidden = !text;
}

function setStatus(text, state) {
  status = state;
  $('status').textContent = text;
  $('status').dataset.state = state;
}

/** What to tell a person whose camera or microphone could not be had. */
const MISSING = {
  insecure: 'This page is not secure (https), so the browser offers no camera: you can still see and hear the others.',
  camera: 'No camera available (or permission denied): you join with audio only.',
  microphone: 'No microphone available (or permission denied): the others will not hear you.',
  both: 'No camera or microphone available (or permission denied): you can still see and hear the others.',
};

function shortId(id) {
  return id.slice(0, 6);
}

// names are text, always: textContent, never innerHTML
function nameOf(peerId) {
  return door.names.get(peerId) || shortId(peerId);
}

function amHost() {
  return channel.id !== null && door.hosts.has(channel.id) && door.lobby === null;
}

function renderDoor() {
  const host = amHost();
  $('lock').hidden = !host;
  $('lock').setAttribute('aria-pressed', String(door.locked));
  $('lock').textContent = door.locked ? 'Unlock room' : 'Lock room';
  if (!host) $('lock-form').hidden = true;
  $('knocks').hidden = !host || door.knocks.size === 0;
  const list = $('knock-list');
  list.replaceChildren();
  for (const [id, name] of door.knocks) {
    const item = document.createElement('li');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = name || `someone (${shortId(id)})`;
    item.append(who);
    for (const [action, label] of [['admit', 'Admit'], ['deny', 'Deny']]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.action = action;
      button.dataset.peer = id;
      button.textContent = label;
      button.setAttribute('aria-label', `${label} ${who.textContent}`);
      button.addEventListener('click', () => channel.act({ type: action, to: id }));
      item.append(button);
    }
    list.append(item);
  }
  for (const [id, tile] of tiles) {
    tile.querySelector('.remove').hidden = !host;
    tile.querySelector('.remove').setAttribute('aria-label', `Remove ${nameOf(id)} from the call`);
    tile.querySelector('.host-mark').hidden = !door.hosts.has(id);
  }
}

function showLobby(lobby) {
  door.lobby = lobby;
  $('lobby').hidden = false;
  $('lobby-form').hidden = !lobby.password;
  $('lobby-text').textContent = lobby.password
      ? 'This room is locked. Enter its password, or wait for a host to let you in.'
      : 'This room is locked. The people in it can see that you are here.';
  setStatus('waiting to be let in', 'knocking');
  renderDoor();
}

function labelOf(peerId) {
  return tiles.get(peerId)?.querySelector('.label').textContent || nameOf(peerId);
}

function tileFor(peerId) {
  let tile = tiles.get(peerId);
  if (tile) return tile;
  tile = document.createElement('figure');
  tile.className = 'tile';
  tile.dataset.peer = peerId;
  tile.dataset.state = 'connecting';
  tile.innerHTML = '<video autoplay playsinline></video><figcaption><span class="host-mark" title="host" hidden>★</span>'
      + '<span class="label"></span> <span class="badges"></span> <span class="quality" role="img" hidden></span>'
      + '<span class="state"></span> <span class="tile-buttons"><button type="button" class="pin" aria-pressed="false">Pin</button>'
      + '<button type="button" class="remove" hidden>Remove</button></span></figcaption>';
  tile.querySelector('.label').textContent = nameOf(peerId);
  tile.querySelector('.remove').addEventListener('click', () => channel.act({ type: 'kick', to: peerId }));
  tile.querySelector('.state').textContent = 'connecting';
  makePinnable(tile, nameOf(peerId));
  media.routeSound(tile.querySelector('video'));
  $('grid').append(tile);
  tiles.set(peerId, tile);
  layout();
  renderDoor();
  return tile;
}

function setTileState(peerId, state) {
  const tile = tiles.get(peerId);
  if (!tile) return;
  tile.dataset.state = state;
  tile.querySelector('.state').textContent = state === 'connected' ? '' : state;
}

function removePeer(peerId) {
  links.get(peerId)?.close();
  links.delete(peerId);
  const tile = tiles.get(peerId);
  if (tile) {
    setTileState(peerId, 'left');
    tile.remove();
    tiles.delete(peerId);
    samples.delete(peerId);
    grid.forget(tile);
  }
}

const grid = new Grid($('grid'));

const BADGES = [
  ['audio', false, '🔇', 'microphone off'],
  ['video', false, '🚫', 'camera off'],
  ['screen', true, '🖥', 'sharing the screen'],
  ['hand', true, '✋', 'raised a hand'],
];

/** What a peer has turned off (or is sharing), as marks a screen reader names. */
function showBadges(element, state) {
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

function layout() {
  grid.layout();
}

/**
 * A tile's buttons: Pin (a click anywhere on its video too) pins it large, again and it is back in the grid;
 * full screen; picture-in-picture where the browser has it.
 */
function makePinnable(tile, who) {
  const button = tile.querySelector('.pin');
  button.setAttribute('aria-label', `Pin ${who}`);
  button.addEventListener('click', () => grid.togglePin(tile));
  const video = tile.querySelector('video');
  video.addEventListener('click', () => grid.togglePin(tile));
  const buttons = tile.querySelector('.tile-buttons');
  const full = tileButton('fullscreen', ICONS.fullscreen, `Show ${who} full screen`);
  full.addEventListener('click', () => (document.fullscreenElement === tile ? document.exitFullscreen() : tile.requestFullscreen())
    .catch(() => showNotice('This browser would not show the video full screen.')));
  buttons.prepend(full);
  if (document.pictureInPictureEnabled && video.requestPictureInPicture) {
    const pip = tileButton('pip', ICONS.pip, `Show ${who} in a floating window`);
    pip.addEventListener('click', () => (document.pictureInPictureElement === video ? document.exitPictureInPicture() : video.requestPictureInPicture())
      .catch(() => showNotice('This browser would not show the video in a floating window.')));
    buttons.prepend(pip);
  }
}

// drawn, not typed: not every font has these marks
const ICONS = {
  fullscreen: 'M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4',
  pip: 'M1.5 3.5h13v9h-13zM8.5 8h4.5v3.5H8.5z',
};

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

const SPEAKING_LEVEL = 0.02; // RMS, about -34 dBFS: a voice, not a room's hum

/** Who speaks, and how each connection fares (round-trip time, loss), from a look at each twice a second. */
async function watchConnections() {
  for (const [peerId, link] of links) {
    const tile = tiles.get(peerId);
    if (!tile || link.pc.connectionState !== 'connected') continue;
    const sample = await link.sample().catch(() => null);
    if (!sample || !tiles.has(peerId)) continue;
    samples.set(peerId, sample);
    tile.classList.toggle('speaking', tile.dataset.audio !== 'off' && sample.level !== null && sample.level > SPEAKING_LEVEL);
    showQuality(tile.querySelector('.quality'), sample);
  }
  $('tile-local').classList.toggle('speaking', local.audio && media.meter.level() > SPEAKING_LEVEL);
}

function showQuality(mark, { rtt, loss }) {
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

function createLink(peerId, initiator) {
  const link = new PeerLink({ remoteId: peerId, localId: channel.id, ...ice, media, initiator });
  links.set(peerId, link);
  const tile = tileFor(peerId);
  link.addEventListener('signal', ({ detail }) => channel.send(detail.type, peerId, detail.data));
  link.addEventListener('track', ({ detail }) => {
    const video = tile.querySelector('video');
    if (video.srcObject !== detail.stream) video.srcObject = detail.stream;
  });
  link.addEventListener('state', ({ detail }) => {
    if (links.get(peerId) === link && detail.state !== 'closed') setTileState(peerId, detail.state);
  });
  link.addEventListener('channel-open', () => link.sendState(local));
  link.addEventListener('remote-state', ({ detail }) => {
    tile.dataset.audio = detail.audio ? 'on' : 'off';
    tile.dataset.video = detail.video ? 'on' : 'off';
    showBadges(tile.querySelector('.badges'), detail);
    if (detail.name && !door.names.has(peerId)) tile.querySelector('.label').textContent = detail.name;
    // a screen share is what everyone came to see: it is pinned when it starts, unpinned when it stops
    if (detail.screen && tile.dataset.screen !== 'on') grid.pin(tile);
    if (!detail.screen && tile.dataset.screen === 'on' && grid.pinned === tile) grid.pin(null);
    tile.dataset.screen = detail.screen ? 'on' : 'off';
  });
  link.addEventListener('relay-error', ({ detail }) => {
    const why = detail.code === 401 ? 'refused our credentials' : `failed (${detail.code} ${detail.text})`;
    showNotice(`The TURN relay ${detail.url} ${why}: calls that need the relay cannot connect.`);
  });
  link.addEventListener('chat', ({ detail }) => addChat(tile.querySelector('.label').textContent, detail.text, detail.at));
  link.addEventListener('file-offer', ({ detail }) => files.offered(peerId, link, detail));
  link.addEventListener('file-answer', ({ detail }) => files.answered(peerId, link, detail));
  link.addEventListener('file-channel', ({ detail }) => files.channel(peerId, detail));
  return link;
}

function onWelcome(welcome) {
  ice = { iceServers: welcome.iceServers, iceTransportPolicy: welcome.iceTransportPolicy };
  door.lobby = null;
  $('lobby').hidden = true;
  door.names = new Map(Object.entries(welcome.names ?? {}));
  door.hosts = new Set(welcome.hosts ?? []);
  door.locked = Boolean(welcome.locked);
  door.knocks.clear(); // a host is told again of whoever still knocks
  setStatus(`in the call as ${door.names.get(welcome.id) || shortId(welcome.id)}`, 'open');
  // a fresh place (first join, or the server forgot us): every link starts over, we offer
  const stale = [...links.keys()].filter((peer) => !welcome.resumed || !welcome.peers.includes(peer));
  stale.forEach(removePeer);
  for (const peer of welcome.peers) {
    const link = links.get(peer);
    if (!link) {
      createLink(peer, true); // we are new to them, or this page was reloaded: offer
    } else if (['failed', 'disconnected'].includes(link.pc.connectionState)) {
      link.restartIce(); // media actually broke while we were away
    }
  }
  [...tiles.keys()].filter((peer) => !welcome.peers.includes(peer)).forEach(removePeer);
  tiles.forEach((tile, id) => { tile.querySelector('.label').textContent = nameOf(id); });
  renderDoor();
}

function onSignal({ type, from, data }) {
  let link = links.get(from);
  // an offer from a connection of theirs we do not know: their page was reloaded; start over
  if (link && type === 'offer' && link.remoteLinkId && data?.link !== link.remoteLinkId) {
    link.close();
    link = null;
  }
  if (!link) {
    if (type !== 'offer') return;
    link = createLink(from, false);
  }
  link.handle(type, data);
}

function addChat(from, text, at) {
  const entry = { from, text, at: at ?? Date.now() };
  chatLog.push(entry);
  const item = document.createElement('li');
  const time = new Date(entry.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  item.innerHTML = '<span class="who"></span> <time></time><p></p>';
  item.querySelector('.who').textContent = from;
  item.querySelector('time').textContent = time;
  item.querySelector('p').textContent = text;
  $('chat-log').append(item);
  $('chat-log').scrollTop = $('chat-log').scrollHeight;
  if (from !== 'You') markUnread();
}

function markUnread() {
  if ($('chat').hidden) $('toggle-chat').classList.add('unread');
}

function broadcastState() {
  links.forEach((link) => link.sendState(local));
  showBadges($('tile-local').querySelector('.badges'), local);
}

/** Sends what is now chosen for {@code kind} on every link: no renegotiation. */
function sendEverywhere(kind) {
  return Promise.all([...links.values()].map((link) => link.send(kind)));
}

function toggle(button, on, textOn, textOff) {
  button.setAttribute('aria-pressed', String(!on));
  button.textContent = on ? textOn : textOff;
}

function wireControls() {
  $('toggle-mic').addEventListener('click', async () => {
    await media.setAudio(!local.audio);
    showMicState();
    await sendEverywhere('audio');
  });
  $('toggle-camera').addEventListener('click', async () => {
    await media.setVideo(!local.video);
    if (media.video !== !local.video) showNotice('The camera could not be turned on (none, or no permission).');
    showCameraState();
    await sendEverywhere('video');
  });
  $('raise-hand').addEventListener('click', () => {
    local.hand = !local.hand;
    toggle($('raise-hand'), !local.hand, 'Raise hand', 'Lower hand');
    broadcastState();
  });
  $('send-file').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', async () => {
    const [file] = $('file-input').files;
    $('file-input').value = '';
    if (!file) return;
    $('chat').hidden = false;
    await files.offer(file, links);
  });
  $('show-devices').addEventListener('click', () => {
    $('settings').insertBefore($('devices'), $('settings').querySelector('.close'));
    greenRoom.refreshDevices();
    $('settings').showModal();
  });
  $('settings').querySelector('.close').addEventListener('click', () => $('settings').close());
  $('toggle-screen').addEventListener('click', async () => (media.screenTrack ? stopScreen() : startScreen()));
  $('toggle-chat').addEventListener('click', () => {
    $('chat').hidden = !$('chat').hidden;
    $('toggle-chat').classList.remove('unread');
    if (!$('chat').hidden) $('chat-input').focus();
  });
  $('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('chat-input').value.trim();
    if (!text) return;
    links.forEach((link) => link.sendChat(text));
    addChat('You', text);
    $('chat-input').value = '';
  });
  $('copy-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      $('copy-link').textContent = 'Copied!';
    } catch {
      showNotice(`Share this link: ${location.href}`);
    }
  });
  $('hang-up').addEventListener('click', hangUp);
  $('name').value = local.name;
  $('name').addEventListener('change', () => {
    local.name = $('name').value.trim().slice(0, 32);
    localStorage.setItem('parley.name', local.name);
    channel.name = local.name;
    broadcastState();
  });
  $('lock').addEventListener('click', () => {
    if (door.locked) {
      channel.act({ type: 'unlock' });
    } else {
      $('lock-form').hidden = false;
      $('lock-password').focus();
    }
  });
  $('lock-cancel').addEventListener('click', () => { $('lock-form').hidden = true; });
  $('lock-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const password = $('lock-password').value;
    channel.act(password ? { type: 'lock', password } : { type: 'lock' });
    $('lock-password').value = '';
    $('lock-form').hidden = true;
  });
  $('lobby-form').addEventListener('submit', (event) => {
    event.preventDefault();
    channel.act({ type: 'password', value: $('lobby-password').value });
  });
}

function showMicState() {
  local.audio = media.audio;
  toggle($('toggle-mic'), local.audio, 'Mute', 'Unmute');
  greenRoom.keep();
  broadcastState();
}

function showCameraState() {
  local.video = media.video;
  toggle($('toggle-camera'), local.video, 'Camera off', 'Camera on');
  greenRoom.keep();
  showLocalVideo();
  broadcastState();
}

function showLocalVideo() {
  if (media.screenTrack) return; // the screen shows while it is shared
  $('local-video').srcObject = null;
  $('local-video').srcObject = media.playable;
  $('tile-local').classList.toggle('no-video', !media.track('video'));
}

/** Another camera or microphone is in use (from the Devices dialog): everyone gets it, no renegotiation. */
async function deviceChanged(kind) {
  if (kind === 'video') showLocalVideo();
  await sendEverywhere(kind);
}

async function startScreen() {
  try {
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
    media.screenTrack = screen.getVideoTracks()[0];
    media.screenTrack.addEventListener('ended', stopScreen);
    await sendEverywhere('video');
    $('local-video').srcObject = screen;
    $('tile-local').classList.remove('no-video');
    local.screen = true;
    toggle($('toggle-screen'), false, 'Share screen', 'Stop sharing');
    broadcastState();
  } catch {
    showNotice('Screen sharing was cancelled or is not available.');
  }
}

async function stopScreen() {
  if (!media.screenTrack) return;
  media.screenTrack.stop();
  media.screenTrack = null;
  await sendEverywhere('video');
  showLocalVideo();
  local.screen = false;
  toggle($('toggle-screen'), true, 'Share screen', 'Stop sharing');
  broadcastState();
}

function hangUp() {
  channel.leave();
  [...links.keys()].forEach(removePeer);
  media.close();
  setStatus('you left the call', 'closed');
}

channel.addEventListener('welcome', ({ detail }) => {
  events.push({ type: 'welcome', id: detail.id, resumed: detail.resumed });
  onWelcome(detail);
});
channel.addEventListener('peer-joined', ({ detail }) => {
  events.push({ type: 'peer-joined', id: detail.id });
  if (detail.name) door.names.set(detail.id, detail.name);
  tileFor(detail.id); // they will offer to us
});
channel.addEventListener('lobby', ({ detail }) => {
  events.push({ type: 'lobby', id: detail.id });
  showLobby(detail);
});
channel.addEventListener('hosts', ({ detail }) => {
  door.hosts = new Set(detail.ids);
  if (!amHost()) door.knocks.clear(); // a new host is told of every knock again
  renderDoor();
});
channel.addEventListener('room', ({ detail }) => {
  door.locked = detail.locked;
  renderDoor();
});
channel.addEventListener('knock', ({ detail }) => {
  door.knocks.set(detail.id, detail.name);
  renderDoor();
});
channel.addEventListener('knock-ended', ({ detail }) => {
  door.knocks.delete(detail.id);
  renderDoor();
});
channel.addEventListener('peer-left', ({ detail }) => {
  events.push({ type: 'peer-left', id: detail.id });
  removePeer(detail.id);
});
channel.addEventListener('signal', ({ detail }) => onSignal(detail));
channel.addEventListener('server-error', ({ detail }) => {
  events.push({ type: 'error', code: detail.code });
  if (detail.code === 'room-full') showNotice(`The room "${room}" is full. Try again later or start another room.`);
  else if (detail.code === 'kicked') showNotice('A host removed you from the call.');
  else if (detail.code === 'denied') showNotice(`You were not let in: ${detail.message}.`);
  else if (detail.code === 'bad-password') $('lobby-text').textContent = 'That password is not right. Try again.';
  else console.warn('server error', detail);
});
channel.addEventListener('status', ({ detail }) => {
  if (detail.status === 'reconnecting') {
    setStatus(`reconnecting: ${detail.reason}`, 'reconnecting');
    // the media goes on peer to peer: only joining, leaving and new connections wait for the server
    if (!notice) showNotice('Reconnecting to the server… the call goes on meanwhile.');
  }
  if (detail.status === 'open' && notice.startsWith('Reconnecting')) showNotice('');
  if (detail.status === 'closed' && detail.reason === 'room-full') setStatus('room full', 'closed');
  else if (detail.status === 'closed' && detail.reason === 'removed') {
    setStatus('not in the call', 'closed');
    $('lobby').hidden = true;
    [...links.keys()].forEach(removePeer);
  } else if (detail.status === 'closed' && detail.reason !== 'left') {
    setStatus('disconnected', 'closed');
    showNotice(`Disconnected: ${detail.reason}.`);
  }
});

window.parley = {
  channel,
  links,
  // what a person would see, for debugging and tests
  async snapshot() {
    const peers = [];
    for (const [id, tile] of tiles) {
      const link = links.get(id);
      peers.push({
        id,
        state: tile.dataset.state,
        audio: tile.dataset.audio ?? 'unknown',
        video: tile.dataset.video ?? 'unknown',
        frames: link ? await link.framesDecoded() : 0,
        relayed: link ? await link.usesRelay() : false,
        playing: !tile.querySelector('video').paused,
        speaking: tile.classList.contains('speaking'),
        hand: tile.querySelector('.badge.hand') !== null,
        badges: [...tile.querySelectorAll('.badge')].map((b) => b.getAttribute('aria-label')),
        quality: tile.querySelector('.quality').hidden ? null : tile.querySelector('.quality').getAttribute('aria-label'),
        audioPackets: samples.get(id)?.audioPackets ?? 0,
        offersMade: link?.offersMade ?? 0,
        offersTaken: link?.offersTaken ?? 0,
      });
    }
    for (const peer of peers) peer.name = tiles.get(peer.id).querySelector('.label').textContent;
    return {
      phase: document.body.dataset.phase, local: { ...local, ...media.describe() }, files: files.snapshot(),
      id: channel.id, room, status, notice, peers, chat: [...chatLog], events: [...events],
      hosts: [...door.hosts], locked: door.locked, host: amHost(), lobby: door.lobby !== null && !$('lobby').hidden,
      knocks: [...door.knocks].map(([id, name]) => ({ id, name })),
    };
  },
};

/** From the green room into the call: only now does the page open its socket to the server. */
function enterCall(choices) {
  local.name = choices.name;
  channel.name = local.name;
  $('name').value = local.name;
  document.body.dataset.phase = 'call';
  setStatus('connecting…', 'connecting');
  $('green-room').hidden = true;
  showMicState();
  showCameraState();
  if (media.missing) showNotice(MISSING[media.missing]);
  setInterval(watchConnections, 500);
  layout();
  channel.connect();
}

async function main() {
  $('room-name').textContent = room;
  document.title = `${room} · Parley`;
  wireControls();
  makePinnable($('tile-local'), 'yourself');
  bindShortcuts({ m: $('toggle-mic'), v: $('toggle-camera'), h: $('raise-hand'), c: $('toggle-chat'), d: $('show-devices') },
    $('help'), $('show-help'));
  // in the call before a reload of this tab (it holds a resume token), or asked by the link: straight in
  const straightIn = query.get('join') === '1' || channel.resumable;
  if (!straightIn) setStatus('not in the call yet', 'green-room');
  greenRoom = new GreenRoom({ media, room, choices: local, onDeviceChange: deviceChanged });
  enterCall(await (straightIn ? greenRoom.skip() : greenRoom.show()));
}

main();
