package parley.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium with a fake camera and microphone, driven by Debian's chromedriver.
 * Each {@link Person} is a window of its own. Selenium Manager never runs: both binaries are named.
 */
public final class Browser implements WebBrowser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private boolean firstWindowUsed;

  public Browser() {
    this(List.of());
  }

  /** With extra Chromium switches, e.g. to trust a test's own certificate. */
  public Browser(List<String> extraArguments) {
    requireLoopbackOnly();
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new AssertionError("Browser tests need Debian's chromium and chromium-driver: bin/test installs them");
    }
    try {
      profile = Files.createTempDirectory("parley-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
        "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
        // every window is a person in the call: none may be throttled for being in the background
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
        // nothing may try to reach beyond this machine
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-quic", "--user-data-dir=" + profile);
    options.addArguments(extraArguments);
    var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    // a navigation that never completes fails the test in a minute instead of holding the build for ever
    // (seen once: a page opened again after hang-up in ClusterCallIT never finished loading)
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  /**
   * Browser tests must not reach any address but this machine's: they run in a network namespace of their own
   * (bin/test: {@code unshare -n} then bin/loopback-ns) that has lo and one veth pair, pv0 (10.213.0.1) and pv1
   * (10.213.0.2), whose two ends are both inside it. Firefox gathers no ICE candidate without an interface besides
   * lo; the pair gives it one, and a default route that leads nowhere but the namespace itself.
   */
  static void requireLoopbackOnly() {
    try {
      List<String> others = new java.util.ArrayList<>();
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        List<InetAddress> addresses = Collections.list(nic.getInetAddresses());
        boolean allowed = switch (nic.getName()) {
          case "lo" -> addresses.stream().allMatch(InetAddress::isLoopbackAddress);
          case "pv0", "pv1" -> addresses.stream().allMatch(Browser::inTheNamespacesSubnet);
          default -> false;
        };
        if (!allowed) others.add(nic.getName() + " " + addresses);
      }
      if (!others.isEmpty()) {
        throw new AssertionError("Browser tests run only inside a network namespace of their own with lo and the veth "
            + "pair pv0/pv1 on 10.213.0.0/24, but this one has " + others
            + ": run them through bin/test (unshare -n -- bin/loopback-ns)");
      }
    } catch (SocketException e) {
      throw new AssertionError(e);
    }
  }

  private static boolean inTheNamespacesSubnet(InetAddress address) {
    byte[] bytes = address.getAddress();
    return address instanceof Inet4Address && bytes[0] == 10 && bytes[1] == (byte) 213 && bytes[2] == 0;
  }

  /** Every page records what its Content-Security-Policy blocked; {@link #close} fails the test if anything was. */
  static final String WATCH_CSP = "window.__parleyCsp = [];"
      + "document.addEventListener('securitypolicyviolation', e => window.__parleyCsp.push(e.violatedDirective + ' ' + e.blockedURI));";

  private final List<String> windows = new java.util.ArrayList<>();

  /** A new window: one more person at their computer. */
  @Override
  public Person person(String name) {
    if (firstWindowUsed) {
      driver.switchTo().newWindow(WindowType.WINDOW);
    }
    firstWindowUsed = true;
    String window = driver.getWindowHandle();
    windows.add(window);
    var chromiumWindow = new ChromiumWindow(window);
    chromiumWindow.beforeEveryPage(WATCH_CSP);
    return new Person(name, chromiumWindow);
  }

  @Override
  public String name() {
    return "Chromium";
  }

  /** What the Content-Security-Policy blocked on the page each window shows now. */
  private List<String> cspViolations() {
    List<String> blocked = new java.util.ArrayList<>();
    for (String window : windows) {
      Object found = focus(window).executeScript("return window.__parleyCsp || []");
      if (found instanceof List<?> list) list.forEach(item -> blocked.add(window + ": " + item));
    }
    return blocked;
  }

  ChromeDriver driver() {
    return driver;
  }

  ChromeDriver focus(String window) {
    if (!driver.getWindowHandle().equals(window)) driver.switchTo().window(window);
    return driver;
  }

  /** One Chromium window, through chromedriver (WebDriver classic) and the DevTools protocol. */
  private final class ChromiumWindow implements BrowserWindow {
    private final String handle;

    ChromiumWindow(String handle) {
      this.handle = handle;
    }

    @Override
    public void navigate(String url) {
      focus(handle).get(url);
    }

    @Override
    public void reload() {
      focus(handle).navigate().refresh();
    }

    @Override
    public String currentUrl() {
      return focus(handle).getCurrentUrl();
    }

    @Override
    public Object evaluate(String functionBody) {
      return focus(handle).executeScript(functionBody);
    }

    @Override
    public Object evaluateAsync(String promiseExpression) {
      return focus(handle).executeAsyncScript("const done = arguments[arguments.length - 1];\n"
          + "Promise.resolve(" + promiseExpression + ").then(done, (e) => done({error: String(e)}));");
    }

    @Override
    public void beforeEveryPage(String script) {
      focus(handle).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
    }

    @Override
    public void click(String cssSelector) {
      focus(handle).findElement(By.cssSelector(cssSelector)).click();
    }

    @Override
    public void type(String cssSelector, String text) {
      var input = focus(handle).findElement(By.cssSelector(cssSelector));
      input.clear();
      input.sendKeys(text);
    }

    @Override
    public void press(CharSequence keys) {
      new Actions(focus(handle)).sendKeys(keys).perform();
    }

    @Override
    public void viewport(int width, int height, boolean mobile) {
      focus(handle).executeCdpCommand("Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    @Override
    public void screenshot(Path file) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        File shot = focus(handle).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean isDisplayed(String cssSelector) {
      return focus(handle).findElement(By.cssSelector(cssSelector)).isDisplayed();
    }

    @Override
    public String text(String cssSelector) {
      return focus(handle).findElement(By.cssSelector(cssSelector)).getText();
    }
  }

  @Override
  public void close() {
    List<String> blocked = List.of();
    try {
      blocked = cspViolations();
    } catch (RuntimeException windowGone) {
      // a window the test closed has nothing to report
    }
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary profile left behind is harmless
      }
    }
    if (!blocked.isEmpty()) throw new AssertionError("the page's Content-Security-Policy blocked: " + blocked);
  }
}
