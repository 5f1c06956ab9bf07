package parley.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One person in front of one browser window (Chromium's or Firefox's), seen through the page's own state
 * (window.parley).
 */
public final class Person {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);

  private final String name;
  private final BrowserWindow window;

  Person(String name, BrowserWindow window) {
    this.name = name;
    this.window = window;
  }

  public String name() {
    return name;
  }

  public Person open(String url) {
    window.navigate(url);
    return this;
  }

  public void reload() {
    window.reload();
  }

  public void click(String id) {
    window.click(byId(id));
  }

  /** Clicks the first element {@code cssSelector} finds, as a person would. */
  public void clickOn(String cssSelector) {
    window.click(cssSelector);
  }

  public boolean visible(String id) {
    return window.isDisplayed(byId(id));
  }

  public void type(String id, String text) {
    window.type(byId(id), text);
  }

  public String text(String cssSelector) {
    return window.text(cssSelector);
  }

  public String currentPath() {
    return java.net.URI.create(window.currentUrl()).getPath();
  }

  /** Takes the camera and microphone away, as a denied permission does, for every page this window loads. */
  public Person withoutCameraOrMicrophone() {
    window.beforeEveryPage("navigator.mediaDevices.getUserMedia = () => "
        + "Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));");
    return this;
  }

  /** What the page shows: {id, room, status, notice, peers: [{id, state, audio, video, frames, playing}], chat}. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> snapshot() {
    Object result = window.evaluateAsync(
        "window.parley ? window.parley.snapshot().catch((e) => ({error: String(e)})) : null");
    return result == null ? Map.of() : (Map<String, Object>) result;
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> peers() {
    return (List<Map<String, Object>>) snapshot().getOrDefault("peers", List.of());
  }

  public Object script(String script) {
    return window.evaluate(script);
  }

  /** Waits (a look every 100 ms) until {@code condition} holds for the page's state; fails with the last state seen. */
  public Map<String, Object> await(String what, Predicate<Map<String, Object>> condition) {
    return poll(what, "last state", this::snapshot, condition);
  }

  /**
   * Shows the page at {@code width} x {@code height} CSS pixels, as a phone ({@code mobile}: touch, no scrollbars)
   * or a desktop window would: Chromium through the DevTools protocol's device metrics, Firefox through WebDriver
   * BiDi's viewport (which has no phone mode: {@code mobile} changes nothing there).
   */
  public void viewport(int width, int height, boolean mobile) {
    window.viewport(width, height, mobile);
  }

  /** Presses keys on the page as a person at the keyboard would, with nothing focused but the page. */
  public void press(CharSequence keys) {
    window.evaluate("document.activeElement?.blur()");
    window.press(keys);
  }

  /** Waits until {@code script}'s result satisfies {@code condition}; fails with the last result. */
  public Object awaitScript(String what, String script, Predicate<Object> condition) {
    return poll(what, "last", () -> script(script), condition);
  }

  /** Saves what the window shows under target/screenshots/{file}.png and returns the file. */
  public Path screenshot(String file) {
    Path target = Browser.SCREENSHOTS.resolve(file + ".png");
    window.screenshot(target);
    return target;
  }

  private <T> T poll(String what, String lastLabel, Supplier<T> look, Predicate<T> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    T last;
    while (true) {
      last = look.get();
      if (condition.test(last)) return last;
      if (System.nanoTime() - deadline > 0) break;
      try {
        Thread.sleep(POLL.toMillis()); // the interval between two looks, as WebDriverWait's
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(name + " was interrupted waiting for " + what);
      }
    }
    throw new AssertionError(name + " never saw " + what + " within " + WAIT + "; " + lastLabel + ": " + last);
  }

  private static String byId(String id) {
    return "[id=\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
  }
}
