package parley.browser;

import java.nio.file.Path;

/**
 * One top-level window of a browser, as a {@link Person} needs it. Chromium's windows are driven by chromedriver
 * ({@link Browser}), Firefox's by WebDriver BiDi ({@link Firefox}). Elements are named by CSS selectors; a selector
 * that finds nothing fails.
 */
interface BrowserWindow {
  /** Loads {@code url} and returns once the page has loaded. */
  void navigate(String url);

  void reload();

  String currentUrl();

  /** Runs {@code functionBody} (a function body: {@code return} gives the result) and returns its value. */
  Object evaluate(String functionBody);

  /** Evaluates {@code promiseExpression} and returns what its promise resolves to. */
  Object evaluateAsync(String promiseExpression);

  /** Runs {@code script} before any page script of every page this window loads from now on. */
  void beforeEveryPage(String script);

  /** Clicks the middle of the first element {@code cssSelector} finds, scrolled into view, as a person would. */
  void click(String cssSelector);

  /** Empties the input {@code cssSelector} finds and types {@code text} into it, key by key. */
  void type(String cssSelector, String text);

  /** Presses each key of {@code keys} (characters, or WebDriver's key codes such as Selenium's {@code Keys}). */
  void press(CharSequence keys);

  /** Shows the page at {@code width} x {@code height} CSS pixels, as a phone ({@code mobile}) if the browser can. */
  void viewport(int width, int height, boolean mobile);

  /** Saves what the window shows as a PNG at {@code file}. */
  void screenshot(Path file);

  boolean isDisplayed(String cssSelector);

  /** The element's text as a person sees it. */
  String text(String cssSelector);
}
