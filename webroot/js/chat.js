// The chat panel: messages to everyone in the call (sent over each data channel, never through the server),
// the log of what was said, and the unread mark on the Chat button while the panel is closed.
// Text is text, always: textContent, never innerHTML.

const $ = (id) => document.getElementById(id);

export class Chat {
  /** {@code send(text)} hands a message of ours to every peer. */
  constructor(send) {
    this.log = [];
    $('toggle-chat').addEventListener('click', () => {
      $('chat').hidden = !$('chat').hidden;
      $('toggle-chat').setAttribute('aria-pressed', String(!$('chat').hidden));
      $('toggle-chat').classList.remove('unread');
      if (!$('chat').hidden) $('chat-input').focus();
    });
    $('chat-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const text = $('chat-input').value.trim();
      if (!text) return;
      send(text);
      this.add('You', text);
      $('chat-input').value = '';
    });
  }

  open() {
    $('chat').hidden = false;
    $('toggle-chat').setAttribute('aria-pressed', 'true');
  }

  add(from, text, at) {
    const entry = { from, text, at: at ?? Date.now() };
    this.log.push(entry);
    const item = document.createElement('li');
    const time = new Date(entry.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    item.innerHTML = '<span class="who"></span> <time></time><p></p>';
    item.querySelector('.who').textContent = from;
    item.querySelector('time').textContent = time;
    item.querySelector('p').textContent = text;
    $('chat-log').append(item);
    $('chat-log').scrollTop = $('chat-log').scrollHeight;
    if (from !== 'You') this.markUnread();
  }

  /** Something new in the panel (a message, a file) while it is closed. */
  markUnread() {
    if ($('chat').hidden) $('toggle-chat').classList.add('unread');
  }
}
