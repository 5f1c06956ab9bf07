// The landing page: start a room with a random readable name, or join one by name.
const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const ADJECTIVES = ['amber', 'brave', 'calm', 'daring', 'eager', 'fuzzy', 'gentle', 'happy', 'jolly', 'lucky', 'mellow', 'nimble', 'quiet', 'rapid', 'sunny', 'witty'];
const ANIMALS = ['otter', 'falcon', 'badger', 'heron', 'lynx', 'panda', 'koala', 'marten', 'puffin', 'walrus', 'gecko', 'bison', 'raven', 'tapir', 'yak', 'zebra'];

function pick(words) {
  return words[crypto.getRandomValues(new Uint32Array(1))[0] % words.length];
}

// Readable, but not guessable: anyone with a room's name can join it, so the suffix carries
// 31 random bits (6 base-36 characters) on top of the two words.
export function randomRoomName() {
  const suffix = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => (b % 36).toString(36)).join('');
  return `${pick(ADJECTIVES)}-${pick(ANIMALS)}-${suffix}`;
}

document.getElementById('start').addEventListener('click', () => {
  location.assign(`/${randomRoomName()}`);
});

const form = document.getElementById('join');
const input = document.getElementById('room');
const help = document.getElementById('room-help');
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const name = input.value.trim();
  if (ROOM_PATTERN.test(name)) {
    location.assign(`/${name}`);
    return;
  }
  // explain, never silently change what the person typed
  help.textContent = name === ''
    ? 'Type a room name first.'
    : `"${name}" can't be a room name: use only letters, digits, dashes (-) or underscores (_), at most 64.`;
  help.classList.add('invalid');
  input.setAttribute('aria-invalid', 'true');
  input.focus();
});
