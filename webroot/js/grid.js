// The call's grid: tiles fill the screen in a grid as square as their number allows (2x2 for four,
// 3x3 for up to nine); a portrait screen (a phone held upright) gets more rows than columns.
// One tile may be pinned: it takes most of the screen and the others line up in a strip below it.

export class Grid {
  constructor(element) {
    this.element = element;
    this.pinned = null;
    new ResizeObserver(() => this.layout()).observe(element);
  }

  /** Pins {@code tile}, or unpins it if it already is. */
  togglePin(tile) {
    this.pin(this.pinned === tile ? null : tile);
  }

  pin(tile) {
    this.pinned?.classList.remove('pinned');
    this.pinned = tile;
    tile?.classList.add('pinned');
    for (const each of this.tiles()) {
      const button = each.querySelector('.pin');
      if (!button) continue;
      button.setAttribute('aria-pressed', String(each === tile));
      button.textContent = each === tile ? 'Unpin' : 'Pin';
    }
    this.layout();
  }

  /** A tile that leaves takes its pin with it. */
  forget(tile) {
    if (this.pinned === tile) this.pin(null);
    else this.layout();
  }

  tiles() {
    return [...this.element.querySelectorAll('.tile')];
  }

  layout() {
    const count = this.tiles().length;
    const portrait = this.element.clientHeight > this.element.clientWidth;
    let cols;
    let rows;
    if (this.pinned && count > 1) {
      // the pinned tile spans the first row; the others share the strip below it
      [cols, rows] = [count - 1, 2];
    } else {
      const long = Math.ceil(Math.sqrt(count));
      const short = Math.ceil(count / long);
      [cols, rows] = portrait ? [short, long] : [long, short];
    }
    this.element.style.setProperty('--cols', String(cols));
    this.element.style.setProperty('--rows', String(rows));
    this.element.dataset.count = String(count);
    this.element.toggleAttribute('data-pinned', Boolean(this.pinned) && count > 1);
  }
}
