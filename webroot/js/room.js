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
import { createTile, makePinnable, setTileState, showBadges, showQuality } from './tiles.js';
import { Door, shortId } from './door.js';
import { Chat } from './chat.js';
import { OwnControls } from './controls.js';

const room = decodeURIComponent(location.pathname.slice(1));
const $ = (id) => document.getElementById(id);
const links = new Map(); // remote peer id -> PeerLink
const tiles = new Map(); // remote peer id -> tile element
const events = []; // signaling events as they came, newest last: for debugging and tests
const announced = []; // what the page told screen readers, newest last
const media = new LocalMedia();
const query = new URLSearchParams(location.search);
const local = {
  audio: query.get('audio') !== '0', video: query.get('video') !== '0', screen: false, hand: false,
  name: (query.get('name') ?? localStorage.getItem('parley.name') ?? '').slice(0, 32),
};
const samples = new Map(); // remote peer id -> the last look at its connection: {level, rtt, loss, audioPackets}
let ice = { iceServers: [], iceTransportPolicy: 'all' };
let status = 'connecting';
let notice = '';

const channel = new SignalingChannel(room, { name: local.name, joinToken: query.get('token') });
const door = new Door(channel, tiles, { onKnocking: () => setStatus('waiting to be let in', 'knocking') });
const grid = new Grid($('grid'));
const chat = new Chat((text) => links.forEach((link) => link.sendChat(text)));
const files = new FileShare({ log: $('chat-log'), nameOf: (peer) => labelOf(peer), onActivity: () => chat.markUnread() });
let greenRoom = null;
const controls = new OwnControls({
  media, local, links, onNotice: showNotice,
  onChange: () => {
    greenRoom?.keep();
    showBadges($('tile-local').querySelector('.badges'), local);
  },
  onName: (name) => { channel.name = name; },
});

function showNotice(text) {
  notice = text;
  $('notice').textContent = text;
  $('notice').hidden = !text;
}

/** Said by a screen reader when it is free (comings, goings, raised hands); not shown. */
function announce(text) {
  announced.push(text);
  $('announce').textContent = text;
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

function labelOf(peerId) {
  return tiles.get(peerId)?.querySelector('.label').textContent || door.nameOf(peerId);
}

function tileFor(peerId) {
  let tile = tiles.get(peerId);
  if (tile) return tile;
  tile = createTile(peerId, door.nameOf(peerId), { grid, onRemove: () => channel.act({ type: 'kick', to: peerId }), onNotice: showNotice });
  media.routeSound(tile.querySelector('video'));
  $('grid').append(tile);
  tiles.set(peerId, tile);
  grid.layout();
  door.render();
  return tile;
}

function removePeer(peerId) {
  links.get(peerId)?.close();
  links.delete(peerId);
  const tile = tiles.get(peerId);
  if (tile) {
    setTileState(tile, 'left');
    tile.remove();
    tiles.delete(peerId);
    samples.delete(peerId);
    grid.forget(tile);
  }
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
    if (links.get(peerId) === link && detail.state !== 'closed' && tiles.has(peerId)) setTileState(tile, detail.state);
  });
  link.addEventListener('channel-open', () => link.sendState(local));
  link.addEventListener('remote-state', ({ detail }) => {
    tile.dataset.audio = detail.audio ? 'on' : 'off';
    tile.dataset.video = detail.video ? 'on' : 'off';
    showBadges(tile.querySelector('.badges'), detail);
    if (detail.name && !door.names.has(peerId)) tile.querySelector('.label').textContent = detail.name;
    const who = tile.querySelector('.label').textContent;
    if (detail.hand && tile.dataset.hand !== 'on') announce(`${who} raised a hand`);
    if (detail.screen && tile.dataset.screen !== 'on') announce(`${who} is sharing the screen`);
    tile.dataset.hand = detail.hand ? 'on' : 'off';
    // a screen share is what everyone came to see: it is pinned when it starts, unpinned when it stops
    if (detail.screen && tile.dataset.screen !== 'on') grid.pin(tile);
    if (!detail.screen && tile.dataset.screen === 'on' && grid.pinned === tile) grid.pin(null);
    tile.dataset.screen = detail.screen ? 'on' : 'off';
  });
  link.addEventListener('relay-error', ({ detail }) => {
    const why = detail.code === 401 ? 'refused our credentials' : `failed (${detail.code} ${detail.text})`;
    showNotice(`The TURN relay ${detail.url} ${why}: calls that need the relay cannot connect.`);
  });
  link.addEventListener('chat', ({ detail }) => chat.add(tile.querySelector('.label').textContent, detail.text, detail.at));
  link.addEventListener('file-offer', ({ detail }) => files.offered(peerId, link, detail));
  link.addEventListener('file-answer', ({ detail }) => files.answered(peerId, link, detail));
  link.addEventListener('file-channel', ({ detail }) => files.channel(peerId, detail));
  return link;
}

function onWelcome(welcome) {
  ice = { iceServers: welcome.iceServers, iceTransportPolicy: welcome.iceTransportPolicy };
  door.entered(welcome);
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
  tiles.forEach((tile, id) => { tile.querySelector('.label').textContent = door.nameOf(id); });
  door.render();
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

/** The page's own buttons: files, devices, the link, hanging up. */
function wireControls() {
  $('send-file').addEventListener('click', () => $('file-input').click());
  $('file-input').addEventListener('change', async () => {
    const [file] = $('file-input').files;
    $('file-input').value = '';
    if (!file) return;
    chat.open();
    await files.offer(file, links);
  });
  $('show-devices').addEventListener('click', () => {
    $('settings').insertBefore($('devices'), $('settings').querySelector('.close'));
    greenRoom.refreshDevices();
    $('settings').showModal();
  });
  $('settings').querySelector('.close').addEventListener('click', () => $('settings').close());
  $('copy-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      $('copy-link').textContent = 'Copied!';
    } catch {
      showNotice(`Share this link: ${location.href}`);
    }
  });
  $('hang-up').addEventListener('click', hangUp);
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
  announce(`${door.nameOf(detail.id)} joined the call`);
});
channel.addEventListener('lobby', ({ detail }) => events.push({ type: 'lobby', id: detail.id }));
channel.addEventListener('peer-left', ({ detail }) => {
  events.push({ type: 'peer-left', id: detail.id });
  if (tiles.has(detail.id)) announce(`${labelOf(detail.id)} left the call`);
  removePeer(detail.id);
});
channel.addEventListener('signal', ({ detail }) => onSignal(detail));
channel.addEventListener('server-error', ({ detail }) => {
  events.push({ type: 'error', code: detail.code });
  if (detail.code === 'room-full') showNotice(`The room "${room}" is full. Try again later or start another room.`);
  else if (detail.code === 'kicked') showNotice('A host removed you from the call.');
  else if (detail.code === 'denied') showNotice(`You were not let in: ${detail.message}.`);
  else if (detail.code === 'bad-password') door.wrongPassword();
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
    door.left();
    [...links.keys()].forEach(removePeer);
  } else if (detail.status === 'closed' && detail.reason !== 'left') {
    setStatus('disconnected', 'closed');
    showNotice(`Disconnected: ${detail.reason}.`);
  }
});

window.parley = {
  channel,
  links,
  // what a person would see, for debugging and tests: the stats first, then the page read in one go,
  // so that no event lands between reading one part of a tile and another
  async snapshot() {
    const stats = new Map();
    for (const [id, link] of links) stats.set(id, { frames: await link.framesDecoded(), relayed: await link.usesRelay() });
    const peers = [...tiles].map(([id, tile]) => {
      const link = links.get(id);
      const quality = tile.querySelector('.quality');
      return {
        id,
        name: tile.querySelector('.label').textContent,
        state: tile.dataset.state,
        audio: tile.dataset.audio ?? 'unknown',
        video: tile.dataset.video ?? 'unknown',
        frames: stats.get(id)?.frames ?? 0,
        relayed: stats.get(id)?.relayed ?? false,
        playing: !tile.querySelector('video').paused,
        speaking: tile.classList.contains('speaking'),
        hand: tile.querySelector('.badge.hand') !== null,
        badges: [...tile.querySelectorAll('.badge')].map((b) => b.getAttribute('aria-label')),
        quality: quality.hidden ? null : quality.getAttribute('aria-label'),
        audioPackets: samples.get(id)?.audioPackets ?? 0,
        offersMade: link?.offersMade ?? 0,
        offersTaken: link?.offersTaken ?? 0,
      };
    });
    return {
      phase: document.body.dataset.phase, local: { ...local, ...media.describe() }, files: files.snapshot(),
      id: channel.id, room, status, notice, peers, chat: [...chat.log], events: [...events], announced: [...announced],
      hosts: [...door.hosts], locked: door.locked, host: door.amHost(), lobby: door.waiting(),
      knocks: [...door.knocks].map(([id, name]) => ({ id, name })),
    };
  },
};

/** From the green room into the call: only now does the page open its socket to the server. */
function enterCall(choices) {
  local.name = choices.name;
  channel.name = local.name;
  controls.showName(local.name);
  document.body.dataset.phase = 'call';
  setStatus('connecting…', 'connecting');
  $('green-room').hidden = true;
  controls.showMic();
  controls.showCamera();
  if (media.missing) showNotice(MISSING[media.missing]);
  setInterval(watchConnections, 500);
  grid.layout();
  channel.connect();
}

async function main() {
  $('room-name').textContent = room;
  document.title = `${room} · Parley`;
  wireControls();
  makePinnable($('tile-local'), 'yourself', { grid, onNotice: showNotice });
  bindShortcuts({ m: $('toggle-mic'), v: $('toggle-camera'), h: $('raise-hand'), c: $('toggle-chat'), d: $('show-devices') },
    $('help'), $('show-help'));
  // in the call before a reload of this tab (it holds a resume token), or asked by the link: straight in
  const straightIn = query.get('join') === '1' || channel.resumable;
  if (!straightIn) setStatus('not in the call yet', 'green-room');
  greenRoom = new GreenRoom({ media, room, choices: local, onDeviceChange: (kind) => controls.deviceChanged(kind) });
  enterCall(await (straightIn ? greenRoom.skip() : greenRoom.show()));
}

main();
