// Sending a file to everyone in the call, over the peers' own data channels (never through the server):
// the file is offered first, with its name and size; whoever accepts gets it in chunks on a channel of its
// own, with progress on both sides, and checks it against the sender's SHA-256 when it is whole.
// Every entry is shown in the chat's log.

const HIGH_WATER = 1024 * 1024; // bytes queued on a channel before the sender waits for it to drain
const LOW_WATER = 256 * 1024;

export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Hex SHA-256 of the bytes, or null where the page is not a secure context (plain http to another host). */
async function sha256(buffer) {
  if (!crypto.subtle) return null;
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  return [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function once(target, ...types) {
  return new Promise((resolve) => {
    const done = () => {
      types.forEach((type) => target.removeEventListener(type, done));
      resolve();
    };
    types.forEach((type) => target.addEventListener(type, done));
  });
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class FileShare {
  #log;
  #nameOf;
  #onActivity;
  outgoing = new Map(); // file id -> {id, name, size, file, sha256, to: Map(peer -> {state, sent, row})}
  incoming = new Map(); // peer + file id -> {id, from, name, size, sha256, state, received, chunks, hash, verified, item}

  /** log: the chat's list; nameOf(peer): who they are; onActivity(): something new to see in the chat. */
  constructor({ log, nameOf, onActivity }) {
    this.#log = log;
    this.#nameOf = nameOf;
    this.#onActivity = onActivity;
  }

  /** Offers {@code file} to every peer of {@code links} (id -> PeerLink) whose data channel is open. */
  async offer(file, links) {
    const id = crypto.randomUUID();
    const entry = { id, name: file.name || 'file', size: file.size, file, sha256: await sha256(await file.arrayBuffer()), to: new Map() };
    const item = this.#item('You', `offered ${entry.name} (${formatSize(entry.size)})`);
    const list = element('ul', 'recipients');
    item.append(list);
    for (const [peer, link] of links) {
      if (!link.offerFile(entry)) continue;
      const row = element('li');
      list.append(row);
      entry.to.set(peer, { state: 'offered', sent: 0, row });
      this.#showRecipient(entry, peer);
    }
    if (entry.to.size === 0) list.replaceWith(element('p', 'help', 'Nobody else is connected yet.'));
    this.outgoing.set(id, entry);
    return entry;
  }

  /** A peer accepted or declined one of our files. */
  answered(peer, link, { id, accepted }) {
    const entry = this.outgoing.get(id);
    const to = entry?.to.get(peer);
    if (!to || to.state !== 'offered') return;
    to.state = accepted ? 'sending' : 'declined';
    this.#showRecipient(entry, peer);
    if (accepted) this.#send(link, entry, peer);
  }

  async #send(link, entry, peer) {
    const to = entry.to.get(peer);
    const channel = link.fileChannel(entry.id);
    channel.bufferedAmountLowThreshold = LOW_WATER;
    await once(channel, 'open', 'close');
    const chunk = link.chunkSize;
    for (let offset = 0; offset < entry.size && channel.readyState === 'open'; offset += chunk) {
      if (channel.bufferedAmount > HIGH_WATER) await once(channel, 'bufferedamountlow', 'close');
      if (channel.readyState !== 'open') break;
      channel.send(await entry.file.slice(offset, offset + chunk).arrayBuffer());
      to.sent = Math.min(entry.size, offset + chunk);
      this.#showRecipient(entry, peer);
    }
    // the receiver closes the channel once it has every byte
    if (channel.readyState === 'open') await once(channel, 'close');
    to.state = to.sent === entry.size ? 'sent' : 'failed';
    this.#showRecipient(entry, peer);
  }

  #showRecipient(entry, peer) {
    const to = entry.to.get(peer);
    const who = this.#nameOf(peer);
    const text = {
      offered: `${who}: waiting for an answer`, declined: `${who} declined`, sent: `${who} has it`, failed: `${who}: not sent (the connection closed)`,
    }[to.state];
    if (text) {
      to.row.replaceChildren(text);
      return;
    }
    let bar = to.row.querySelector('progress');
    if (!bar) {
      bar = element('progress');
      bar.max = Math.max(1, entry.size);
      bar.setAttribute('aria-label', `Sending ${entry.name} to ${who}`);
      to.row.replaceChildren(`${who} `, bar);
    }
    bar.value = to.sent;
  }

  /** A peer offers a file: shown with its name and size, and buttons to take it or not. */
  offered(peer, link, { id, name, size, sha256: hash }) {
    const key = `${peer} ${id}`;
    if (this.incoming.has(key)) return;
    const from = this.#nameOf(peer);
    const entry = { id, from: peer, name, size, sha256: hash, state: 'offered', received: 0, chunks: [], hash: null, verified: null };
    entry.item = this.#item(from, `offers ${name} (${formatSize(size)})`);
    const actions = element('div', 'actions');
    for (const [label, accepted] of [['Accept', true], ['Decline', false]]) {
      const button = element('button', accepted ? 'accept' : 'decline', label);
      button.type = 'button';
      button.dataset.file = id;
      button.setAttribute('aria-label', `${label} ${name} from ${from}`);
      button.addEventListener('click', () => {
        if (entry.state !== 'offered') return;
        entry.state = accepted ? 'accepted' : 'declined';
        link.answerFile(id, accepted);
        this.#showIncoming(entry);
      });
      actions.append(button);
    }
    entry.item.append(actions);
    this.incoming.set(key, entry);
    this.#onActivity();
  }

  /** The channel a sender opened for a file we accepted. */
  channel(peer, { id, channel }) {
    const entry = this.incoming.get(`${peer} ${id}`);
    if (!entry || entry.state !== 'accepted') {
      channel.close();
      return;
    }
    entry.state = 'receiving';
    channel.binaryType = 'arraybuffer';
    channel.onmessage = ({ data }) => {
      if (entry.state !== 'receiving' || !(data instanceof ArrayBuffer)) return;
      entry.chunks.push(data);
      entry.received += data.byteLength;
      if (entry.received > entry.size) this.#fail(entry, channel, 'more bytes came than were offered');
      else if (entry.received === entry.size) this.#finish(entry, channel);
      else this.#showIncoming(entry);
    };
    channel.onclose = () => {
      if (entry.state === 'receiving') this.#fail(entry, channel, 'the connection closed');
    };
    if (channel.readyState === 'open' && entry.size === 0) this.#finish(entry, channel);
    else channel.addEventListener('open', () => entry.size === 0 && this.#finish(entry, channel));
    this.#showIncoming(entry);
  }

  async #finish(entry, channel) {
    entry.state = 'checking';
    const blob = new Blob(entry.chunks);
    entry.chunks = [];
    channel.close();
    entry.hash = await sha256(await blob.arrayBuffer());
    entry.verified = entry.hash && entry.sha256 ? entry.hash === entry.sha256 : null;
    entry.state = entry.verified === false ? 'corrupted' : 'done';
    entry.url = entry.state === 'done' ? URL.createObjectURL(blob) : null;
    this.#showIncoming(entry);
  }

  #fail(entry, channel, why) {
    entry.state = 'failed';
    entry.chunks = [];
    entry.why = why;
    channel.close();
    this.#showIncoming(entry);
  }

  #showIncoming(entry) {
    const actions = entry.item.querySelector('.actions');
    if (entry.state === 'declined') {
      actions.replaceChildren('Declined');
    } else if (['accepted', 'receiving', 'checking'].includes(entry.state)) {
      let bar = actions.querySelector('progress');
      if (!bar) {
        bar = element('progress');
        bar.max = Math.max(1, entry.size);
        bar.setAttribute('aria-label', `Receiving ${entry.name}`);
        actions.replaceChildren(bar);
      }
      bar.value = entry.received;
    } else if (entry.state === 'done') {
      const save = element('a', 'save', `Save ${entry.name}`);
      save.href = entry.url;
      save.download = entry.name;
      const check = entry.verified ? 'checksum matches' : 'not checked (this page is not a secure context)';
      actions.replaceChildren(save, ' ', element('span', 'help', check));
    } else if (entry.state === 'corrupted') {
      actions.replaceChildren(element('span', 'help invalid', 'It arrived damaged (its checksum differs): not saved.'));
    } else if (entry.state === 'failed') {
      actions.replaceChildren(element('span', 'help invalid', `Not received: ${entry.why}.`));
    }
  }

  #item(from, text) {
    const item = element('li', 'file');
    item.append(element('span', 'who', from), ' ', element('time', '', new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
      element('p', '', text));
    this.#log.append(item);
    this.#log.scrollTop = this.#log.scrollHeight;
    return item;
  }

  /** What a person would see, for tests: the files offered to us and ours to others. */
  snapshot() {
    return {
      incoming: [...this.incoming.values()].map(({ id, from, name, size, state, received, hash, verified }) => ({
        id, from, name, size, state, received, sha256: hash, verified,
      })),
      outgoing: [...this.outgoing.values()].map(({ id, name, size, to }) => ({
        id, name, size, to: Object.fromEntries([...to].map(([peer, { state, sent }]) => [peer, { state, sent }])),
      })),
    };
  }
}
