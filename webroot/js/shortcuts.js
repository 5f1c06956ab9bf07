// Keyboard shortcuts for the call: one key presses one control's button, so the page stays the one
// source of what each does (and its aria-pressed state). "?" opens the list of them.

/** Binds each key of {@code buttons} (a lower-case letter) to a click on its button, "?" to {@code help}. */
export function bindShortcuts(buttons, help, helpButton) {
  const list = help.querySelector('dl');
  for (const [key, button] of Object.entries(buttons)) {
    button.setAttribute('aria-keyshortcuts', key.toUpperCase());
    const term = document.createElement('dt');
    const kbd = document.createElement('kbd');
    kbd.textContent = key.toUpperCase();
    term.append(kbd);
    const what = document.createElement('dd');
    what.textContent = button.dataset.shortcut;
    list.append(term, what);
  }
  helpButton.addEventListener('click', () => help.showModal());
  help.querySelector('.close').addEventListener('click', () => help.close());
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === '?') {
      if (help.open) help.close(); else help.showModal();
      event.preventDefault();
      return;
    }
    const button = buttons[event.key.toLowerCase()];
    if (button && !button.hidden && !help.open) {
      button.click();
      event.preventDefault();
    }
  });
}

function typing(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
