package parley.browser;

/**
 * A browser whose windows are people in a call: {@link Browser} (Debian's Chromium) or {@link Firefox} (Debian's
 * Firefox ESR). Closing it fails the test if any page's Content-Security-Policy blocked something.
 */
public interface WebBrowser extends AutoCloseable {
  /** A new window: one more person at their computer. */
  Person person(String name);

  /** "Chromium" or "Firefox", for messages. */
  String name();

  @Override
  void close();
}
