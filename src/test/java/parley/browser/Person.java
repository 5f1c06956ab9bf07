package parley.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** One person in front of one browser window, seen through the page's own state (window.parley). */
public final class Person {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final Browser browser;
  private final String name;
  private final String window;

  Person(Browser browser, String name, String window) {
    this.browser = browser;
    this.name = name;
    this.window = window;
  }

  public String name() {
    return name;
  }

  public Person open(String url) {
    browser.focus(window).get(url);
    return this;
  }

  public void reload() {
    browser.focus(window).navigate().refresh();
  }

  public void click(String id) {
    browser.focus(window).findElement(By.id(id)).click();
  }

  /** Clicks the first element {@code cssSelector} finds, as a person would. */
  public void clickOn(String cssSelector) {
    browser.focus(window).findElement(By.cssSelector(cssSelector)).click();
  }

  public boolean visible(String id) {
    return browser.focus(window).findElement(By.id(id)).isDisplayed();
  }

  public void type(String id, String text) {
    var input = browser.focus(window).findElement(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  public String text(String cssSelector) {
    return browser.focus(window).findElement(By.cssSelector(cssSelector)).getText();
  }

  public String currentPath() {
    return java.net.URI.create(browser.focus(window).getCurrentUrl()).getPath();
  }

  /** Takes the camera and microphone away, as a denied permission does, for every page this window loads. */
  public Person withoutCameraOrMicrophone() {
    browser.beforeEveryPage(window, "navigator.mediaDevices.getUserMedia = () => "
        + "Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));");
    return this;
  }

  /** What the page shows: {id, room, status, notice, peers: [{id, state, audio, video, frames, playing}], chat}. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> snapshot() {
    var js = (JavascriptExecutor) browser.focus(window);
    Object result = js.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        if (!window.parley) { done(null); return; }
        window.parley.snapshot().then(done, (e) => done({error: String(e)}));""");
    return result == null ? Map.of() : (Map<String, Object>) result;
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> peers() {
    return (List<Map<String, Object>>) snapshot().getOrDefault("peers", List.of());
  }

  public Object script(String script) {
    return ((JavascriptExecutor) browser.focus(window)).executeScript(script);
  }

  /** Waits (Selenium's WebDriverWait) until {@code condition} holds for the page's state; fails with the last state seen. */
  public Map<String, Object> await(String what, Predicate<Map<String, Object>> condition) {
    var last = new java.util.concurrent.atomic.AtomicReference<Map<String, Object>>(Map.of());
    try {
      return new WebDriverWait(browser.focus(window), WAIT, Duration.ofMillis(100)).until(driver -> {
        last.set(snapshot());
        return condition.test(last.get()) ? last.get() : null;
      });
    } catch (TimeoutException e) {
      throw new AssertionError(name + " never saw " + what + " within " + WAIT + "; last state: " + last.get());
    }
  }

  /**
   * Shows the page at {@code width} x {@code height} CSS pixels, as a phone ({@code mobile}: touch, no scrollbars)
   * or a desktop window would, through the DevTools protocol's device metrics.
   */
  public void viewport(int width, int height, boolean mobile) {
    browser.focus(window).executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /** Presses keys on the page as a person at the keyboard would, with nothing focused but the page. */
  public void press(CharSequence keys) {
    var driver = browser.focus(window);
    ((JavascriptExecutor) driver).executeScript("document.activeElement?.blur()");
    new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
  }

  /** Waits until {@code script}'s result satisfies {@code condition}; fails with the last result. */
  public Object awaitScript(String what, String script, Predicate<Object> condition) {
    var last = new java.util.concurrent.atomic.AtomicReference<Object>();
    try {
      return new WebDriverWait(browser.focus(window), WAIT, Duration.ofMillis(100)).until(driver -> {
        last.set(script(script));
        return condition.test(last.get()) ? last.get() : null;
      });
    } catch (TimeoutException e) {
      throw new AssertionError(name + " never saw " + what + " within " + WAIT + "; last: " + last.get());
    }
  }

  public Path screenshot(String file) {
    return browser.screenshot(window, file);
  }
}
