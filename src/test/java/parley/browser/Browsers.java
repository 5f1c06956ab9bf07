package parley.browser;

import java.util.ArrayList;
import java.util.List;

/**
 * The browsers one test opens, Chromium and Firefox mixed, closed together: every one is closed even when an
 * earlier close fails (a page's CSP violation), and the first failure is the one reported.
 */
final class Browsers implements AutoCloseable {
  private final List<WebBrowser> open = new ArrayList<>();

  Browser chromium() {
    return add(new Browser());
  }

  Browser chromium(List<String> extraArguments) {
    return add(new Browser(extraArguments));
  }

  Firefox firefox() {
    return add(new Firefox());
  }

  private <B extends WebBrowser> B add(B browser) {
    open.add(browser);
    return browser;
  }

  @Override
  public void close() {
    AssertionError failed = null;
    for (WebBrowser browser : open) {
      try {
        browser.close();
      } catch (AssertionError e) {
        if (failed == null) failed = e; else failed.addSuppressed(e);
      }
    }
    open.clear();
    if (failed != null) throw failed;
  }
}
