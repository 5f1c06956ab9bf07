// The signaling channel: one WebSocket to /room/{room}, reconnecting with backoff and resuming
// its place with the server's token. One event per server message type.
//
// Events: 'welcome' (detail: the welcome message), 'lobby' (the lobby message: we knock at a locked room),
// 'peer-joined' ({id, name}), 'peer-left' ({id}), 'hosts' ({ids}), 'room' ({locked}),
// 'knock' ({id, name}), 'knock-ended' ({id}), 'signal' ({type, from, data}), 'server-error' ({code, message}),
// 'status' ({status: 'connecting'|'open'|'reconnecting'|'closed', reason}).

const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 8000;
// The server or the client ended this peer's place: reconnecting would not help.
const FINAL_CLOSES = new Map([
  [1000, 'left'],
  [1009, 'a message was too large'],
  [4001, 'room-full'],
  [4002, 'opened in another tab or window'],
  [4003, 'removed'],
]);

export class SignalingChannel extends EventTarget {
  #room;
  #socket = null;
  #attempt = 0;
  #retryTimer = null;
  #leaving = false;
  id = null;

  #name = '';
  #joinToken;

  // joinToken: the page's own ?token=, passed on so that an invite link with a token works
  constructor(room, { name = '', joinToken = null } = {}) {
    super();
    this.#room = room;
    this.#name = name;
    this.#joinToken = joinToken;
  }

  // the name others see, from the next connection on (the server keeps the name of a join)
  set name(name) {
    this.#name = name;
  }

  get room() {
    return this.#room;
  }

  /** This tab was in the call before (a reload): connecting resumes its place. */
  get resumable() {
    return sessionStorage.getItem(this.#tokenKey) !== null;
  }

  // The resume token lives in sessionStorage: a reload of this tab resumes, another tab does not.
  get #tokenKey() {
    return `parley.resume.${this.#room}`;
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const params = new URLSearchParams();
    const resume = sessionStorage.getItem(this.#tokenKey);
    if (resume) params.set('resume', resume);
    if (this.#name) params.set('name', this.#name);
    if (this.#joinToken) params.set('token', this.#joinToken);
    const query = params.toString() ? `?${params}` : '';
    const socket = new WebSocket(`${scheme}://${location.host}/room/${encodeURIComponent(this.#room)}${query}`);
    this.#socket = socket;
    this.#status(this.#attempt === 0 ? 'connecting' : 'reconnecting');
    socket.onmessage = (event) => this.#onMessage(event.data);
    socket.onclose = (event) => this.#onClose(socket, event);
  }

  send(type, to, data) {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    const message = { type, data };
    if (to) message.to = to;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  // A host action (lock, unlock, kick, admit, deny) or a knocker's password: {type, ...fields}.
  act(message) {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  // Hang up: the others see us leave at once, and this tab will not resume.
  leave() {
    this.#leaving = true;
    clearTimeout(this.#retryTimer);
    sessionStorage.removeItem(this.#tokenKey);
    if (this.#socket?.readyState === WebSocket.OPEN) {
      this.#socket.send(JSON.stringify({ type: 'leave' }));
    } else {
      this.#status('closed', 'left');
    }
  }

  #onMessage(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    switch (message.type) {
      case 'welcome':
        this.#attempt = 0;
        this.id = message.id;
        sessionStorage.setItem(this.#tokenKey, message.resume);
        this.#status('open');
        this.#emit('welcome', message);
        break;
      case 'lobby':
        this.id = message.id;
        this.#status('knocking');
        this.#emit('lobby', message);
        break;
      case 'peer-joined':
      case 'peer-left':
      case 'knock':
      case 'knock-ended':
        this.#emit(message.type, { id: message.id, name: message.name ?? null });
        break;
      case 'hosts':
        this.#emit('hosts', { ids: message.ids });
        break;
      case 'room':
        this.#emit('room', { locked: message.locked });
        break;
      case 'offer':
      case 'answer':
      case 'candidate':
        this.#emit('signal', { type: message.type, from: message.from, data: message.data });
        break;
      case 'error':
        this.#emit('server-error', { code: message.code, message: message.message });
        break;
    }
  }

  #onClose(socket, event) {
    if (socket !== this.#socket) return;
    const final = FINAL_CLOSES.get(event.code);
    if (this.#leaving || final) {
      if (event.code !== 4002) sessionStorage.removeItem(this.#tokenKey);
      this.#status('closed', this.#leaving ? 'left' : final);
      return;
    }
    // 1006 (network), 1012 (node restarting), 1013 (too slow), 1001...: come back and resume
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** this.#attempt) * (0.5 + Math.random());
    this.#attempt += 1;
    this.#status('reconnecting', `connection lost (${event.code})`);
    this.#retryTimer = setTimeout(() => this.connect(), delay);
  }

  #status(status, reason = '') {
    this.#emit('status', { status, reason });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
