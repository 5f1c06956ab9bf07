package parley.browser;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WindowType;
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
public final class Browser implements AutoCloseable {
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
  private static final String WATCH_CSP = "window.__parleyCsp = [];"
      + "document.addEventListener('securitypolicyviolation', e => window.__parleyCsp.push(e.violatedDirective + ' ' + e.blockedURI));";

  private final List<String> windows = new java.util.ArrayList<>();

  /** A new window: one more person at their computer. */
  public Person person(String name) {
    if (firstWindowUsed) {
      driver.switchTo().newWindow(WindowType.WINDOW);
    }
    firstWindowUsed = true;
    String window = driver.getWindowHandle();
    windows.add(window);
    beforeEveryPage(window, WATCH_CSP);
    return new Person(this, name, window);
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

  /** Saves what the focused window shows under target/screenshots/{name}.png and returns the file. */
  Path screenshot(String window, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = focus(window).getScreenshotAs(OutputType.FILE);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs before any page script of the next page the window loads (e.g. to take the camera away). */
  void beforeEveryPage(String window, String script) {
    focus(window).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", script));
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
