package parley.browser;

import io.vertx.core.json.JsonArray;

import java.util.List;

/** What a screen reader would say for the page's controls, as far as a page script can tell. */
final class Accessibility {
  /**
   * Every control a person can see or reach (buttons, links, fields, selects, meters, progress bars, marks with a
   * role) and the name a screen reader takes for it: aria-labelledby, aria-label, a label, its text, its title.
   * Returns the ones left without a name, each as the start of its HTML.
   */
  private static final String UNNAMED = """
      const text = (node) => (node?.textContent ?? '').trim();
      const nameOf = (el) => {
        const by = el.getAttribute('aria-labelledby');
        if (by) return by.split(/\\s+/).map((id) => text(document.getElementById(id))).join(' ').trim();
        if (el.getAttribute('aria-label')?.trim()) return el.getAttribute('aria-label').trim();
        const labels = el.labels ? [...el.labels].map(text).join(' ').trim() : '';
        if (labels) return labels;
        if (['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) || el.getAttribute('role') === 'img') {
          if (text(el)) return text(el);
        }
        return el.getAttribute('title')?.trim() ?? '';
      };
      const controls = document.querySelectorAll(
          'button, a[href], input:not([type=hidden]), select, textarea, meter, progress, [role=img], [role=button]');
      const unnamed = [];
      for (const el of controls) {
        if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        if (!nameOf(el)) unnamed.push(el.outerHTML.slice(0, 120));
      }
      return JSON.stringify(unnamed);""";

  private Accessibility() {
  }

  /** The controls on {@code person}'s page that a screen reader could not name (empty when all have a name). */
  static List<?> unnamedControls(Person person) {
    return new JsonArray((String) person.script(UNNAMED)).getList();
  }
}
