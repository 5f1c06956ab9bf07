// The room's door as the server tells it: who the hosts are, whether the room is locked, who knocks, and
// the names people joined with. A host sees Lock, the knock list (Admit, Deny) and Remove on each tile;
// someone outside a locked room sees the lobby, with a password field when the room has a password.

const $ = (id) => document.getElementById(id);

export function shortId(id) {
  return id.slice(0, 6);
}

export class Door {
  /** {@code tiles}: remote peer id -> tile; {@code onKnocking}: the page now waits in the lobby. */
  constructor(channel, tiles, { onKnocking }) {
    this.channel = channel;
    this.tiles = tiles;
    this.hosts = new Set();
    this.locked = false;
    this.knocks = new Map(); // peer id -> the name they knock with
    this.names = new Map(); // peer id -> the name they joined with
    this.lobby = null;
    channel.addEventListener('lobby', ({ detail }) => {
      this.lobby = detail;
      $('lobby').hidden = false;
      $('lobby-form').hidden = !detail.password;
      $('lobby-text').textContent = detail.password
        ? 'This room is locked. Enter its password, or wait for a host to let you in.'
        : 'This room is locked. The people in it can see that you are here.';
      onKnocking();
      this.render();
    });
    channel.addEventListener('hosts', ({ detail }) => {
      this.hosts = new Set(detail.ids);
      if (!this.amHost()) this.knocks.clear(); // a new host is told of every knock again
      this.render();
    });
    channel.addEventListener('room', ({ detail }) => {
      this.locked = detail.locked;
      this.render();
    });
    channel.addEventListener('knock', ({ detail }) => {
      this.knocks.set(detail.id, detail.name);
      this.render();
    });
    channel.addEventListener('knock-ended', ({ detail }) => {
      this.knocks.delete(detail.id);
      this.render();
    });
    this.wire();
  }

  /** In the room: what the welcome says of hosts, lock and names; a host is told again of whoever still knocks. */
  entered(welcome) {
    this.lobby = null;
    $('lobby').hidden = true;
    this.names = new Map(Object.entries(welcome.names ?? {}));
    this.hosts = new Set(welcome.hosts ?? []);
    this.locked = Boolean(welcome.locked);
    this.knocks.clear();
  }

  /** Out of the room (removed, or the lobby gave up): no lobby either. */
  left() {
    $('lobby').hidden = true;
  }

  nameOf(peerId) {
    return this.names.get(peerId) || shortId(peerId);
  }

  amHost() {
    return this.channel.id !== null && this.hosts.has(this.channel.id) && this.lobby === null;
  }

  waiting() {
    return this.lobby !== null && !$('lobby').hidden;
  }

  wrongPassword() {
    $('lobby-text').textContent = 'That password is not right. Try again.';
  }

  render() {
    const host = this.amHost();
    $('lock').hidden = !host;
    $('lock').setAttribute('aria-pressed', String(this.locked));
    $('lock').textContent = this.locked ? 'Unlock room' : 'Lock room';
    if (!host) $('lock-form').hidden = true;
    $('knocks').hidden = !host || this.knocks.size === 0;
    $('knock-list').replaceChildren(...[...this.knocks].map(([id, name]) => this.knockItem(id, name)));
    for (const [id, tile] of this.tiles) {
      tile.querySelector('.remove').hidden = !host;
      tile.querySelector('.remove').setAttribute('aria-label', `Remove ${this.nameOf(id)} from the call`);
      tile.querySelector('.host-mark').hidden = !this.hosts.has(id);
    }
  }

  knockItem(id, name) {
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
      button.addEventListener('click', () => this.channel.act({ type: action, to: id }));
      item.append(button);
    }
    return item;
  }

  wire() {
    $('lock').addEventListener('click', () => {
      if (this.locked) {
        this.channel.act({ type: 'unlock' });
      } else {
        $('lock-form').hidden = false;
        $('lock-password').focus();
      }
    });
    $('lock-cancel').addEventListener('click', () => { $('lock-form').hidden = true; });
    $('lock-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const password = $('lock-password').value;
      this.channel.act(password ? { type: 'lock', password } : { type: 'lock' });
      $('lock-password').value = '';
      $('lock-form').hidden = true;
    });
    $('lobby-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.channel.act({ type: 'password', value: $('lobby-password').value });
    });
  }
}
