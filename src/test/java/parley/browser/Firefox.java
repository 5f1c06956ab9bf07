package parley.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Firefox ESR, headless, with a fake camera and microphone, driven through WebDriver BiDi, which Firefox
 * speaks itself: no geckodriver. Each {@link Person} is a top-level window of its own. The profile is a new
 * temporary directory whose user.js turns on the fake media and turns off everything that would reach beyond this
 * machine (updates, telemetry, safe browsing, captive portal and connectivity checks, remote settings).
 */
public final class Firefox implements WebBrowser {
  static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");
  private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration COMMAND = Duration.ofSeconds(20);
  // a navigation that never completes fails the test in a minute, as Browser's page load timeout
  private static final Duration NAVIGATION = Duration.ofSeconds(60);

  private static final Map<String, Object> PREFS = prefs();

  private final Path profile;
  private final Process process;
  private final Thread killOnExit;
  private final Deque<String> output = new ArrayDeque<>();
  private final Bidi bidi;
  private final List<FirefoxWindow> windows = new ArrayList<>();
  private final Map<String, String> names = new ConcurrentHashMap<>();
  private String firstContext;

  public Firefox() {
    Browser.requireLoopbackOnly();
    requireVethPair();
    if (!Files.isExecutable(FIREFOX)) {
      throw new AssertionError("Firefox tests need Debian's firefox-esr at " + FIREFOX + ": bin/test installs it");
    }
    try {
      profile = Files.createTempDirectory("parley-firefox");
      var userJs = new StringBuilder();
      PREFS.forEach((key, value) -> userJs.append("user_pref(\"").append(key).append("\", ")
          .append(value instanceof String text ? "\"" + text + "\"" : value).append(");\n"));
      Files.writeString(profile.resolve("user.js"), userJs);
      var builder = new ProcessBuilder(FIREFOX.toString(), "--headless", "--no-remote", "--profile", profile.toString(),
          "--remote-debugging-port", "0").redirectErrorStream(true);
      builder.environment().put("MOZ_CRASHREPORTER_DISABLE", "1");
      process = builder.start();
      // a test JVM that exits without close() takes its Firefox and the profile with it
      killOnExit = new Thread(() -> {
        kill();
        deleteProfile();
      }, "firefox-kill-on-exit");
      Runtime.getRuntime().addShutdownHook(killOnExit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      URI endpoint = URI.create(listeningOn() + "/session");
      bidi = Bidi.connect(endpoint);
      bidi.send("session.new", new JsonObject().put("capabilities",
          new JsonObject().put("alwaysMatch", new JsonObject().put("acceptInsecureCerts", true))), COMMAND);
      bidi.on("log.entryAdded", this::logged);
      bidi.send("session.subscribe", new JsonObject().put("events", new JsonArray().add("log.entryAdded")), COMMAND);
      JsonArray contexts = bidi.send("browsingContext.getTree", new JsonObject().put("maxDepth", 0), COMMAND)
          .getJsonArray("contexts");
      firstContext = contexts.getJsonObject(0).getString("context");
    } catch (RuntimeException | Error e) {
      quit();
      throw e;
    }
  }

  /** With lo alone Firefox gathers no ICE candidate, and every call would only time out. */
  private static void requireVethPair() {
    try {
      if (java.net.NetworkInterface.getByName("pv0") == null) {
        throw new AssertionError("Firefox gathers no ICE candidate with only lo: run the tests through bin/test, "
            + "whose bin/loopback-ns adds the veth pair pv0/pv1 inside the namespace");
      }
    } catch (java.net.SocketException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads Firefox's output until it names its WebDriver BiDi address, then keeps the last lines for failures. */
  private String listeningOn() {
    var address = new CompletableFuture<String>();
    var reader = new Thread(() -> {
      try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          synchronized (output) {
            output.addLast(line);
            if (output.size() > 40) output.removeFirst();
          }
          Matcher matcher = LISTENING.matcher(line);
          if (matcher.find()) address.complete(matcher.group(1));
        }
      } catch (IOException ignored) {
        // Firefox is gone
      }
      address.completeExceptionally(new IllegalStateException("Firefox exited"));
    }, "firefox-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return address.get(START.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("Firefox never said where WebDriver BiDi listens (" + e + "); its last output: "
          + lastOutput());
    }
  }

  private String lastOutput() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** The page's errors and warnings go to the test's output, named by person. */
  private void logged(JsonObject entry) {
    String level = entry.getString("level");
    if (!"error".equals(level) && !"warn".equals(level)) return;
    String context = entry.getJsonObject("source", new JsonObject()).getString("context");
    var frames = entry.getJsonObject("stackTrace", new JsonObject()).getJsonArray("callFrames", new JsonArray());
    String where = frames.isEmpty() ? "" : " (at " + frames.getJsonObject(0).getString("url") + ":"
        + frames.getJsonObject(0).getValue("lineNumber") + ")";
    System.out.println("firefox " + names.getOrDefault(context, context) + " " + level + ": " + entry.getString("text") + where);
  }

  /**
   * A new top-level window: one more person. The window Firefox opened with closes once the first person's is there:
   * headless, that one never gets the focus, even when activated, so a field left there would fire no change event.
   */
  @Override
  public Person person(String name) {
    String context = bidi.send("browsingContext.create", new JsonObject().put("type", "window"), COMMAND).getString("context");
    if (firstContext != null) {
      bidi.send("browsingContext.close", new JsonObject().put("context", firstContext), COMMAND);
      firstContext = null;
    }
    names.put(context, name);
    var window = new FirefoxWindow(context);
    windows.add(window);
    window.beforeEveryPage(Browser.WATCH_CSP);
    return new Person(name, window);
  }

  @Override
  public String name() {
    return "Firefox";
  }

  @Override
  public void close() {
    List<String> blocked = new ArrayList<>();
    try {
      for (FirefoxWindow window : windows) {
        Object found = window.evaluate("return window.__parleyCsp || []");
        if (found instanceof List<?> list) list.forEach(item -> blocked.add(names.get(window.context) + ": " + item));
      }
    } catch (RuntimeException | AssertionError windowGone) {
      // a window the test closed has nothing to report
    }
    quit();
    if (!blocked.isEmpty()) throw new AssertionError("the page's Content-Security-Policy blocked: " + blocked);
  }

  /** Asks Firefox to close, kills it if it has not within 20 s, and deletes its profile, whatever failed before. */
  private void quit() {
    try {
      if (bidi != null) {
        try {
          bidi.send("browser.close", new JsonObject(), COMMAND);
        } finally {
          bidi.close();
        }
      }
    } catch (RuntimeException | Error alreadyGone) {
      // killed below
    } finally {
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      deleteProfile();
    }
  }

  private void deleteProfile() {
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary profile left behind is harmless
    }
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One top-level browsing context, through WebDriver BiDi's browsingContext, script and input modules. */
  private final class FirefoxWindow implements BrowserWindow {
    private final String context;

    FirefoxWindow(String context) {
      this.context = context;
    }

    private JsonObject send(String method, JsonObject params, Duration timeout) {
      return bidi.send(method, params.put("context", context), timeout);
    }

    @Override
    public void navigate(String url) {
      send("browsingContext.navigate", new JsonObject().put("url", url).put("wait", "complete"), NAVIGATION);
    }

    @Override
    public void reload() {
      send("browsingContext.reload", new JsonObject().put("wait", "complete"), NAVIGATION);
    }

    @Override
    public String currentUrl() {
      return bidi.send("browsingContext.getTree", new JsonObject().put("root", context).put("maxDepth", 0), COMMAND)
          .getJsonArray("contexts").getJsonObject(0).getString("url");
    }

    @Override
    public Object evaluate(String functionBody) {
      return call("function () {\n" + functionBody + "\n}");
    }

    @Override
    public Object evaluateAsync(String promiseExpression) {
      return call("function () {\nreturn (" + promiseExpression + ");\n}");
    }

    /** Calls {@code function} in the page with {@code arguments} (strings or numbers) and awaits its promise. */
    private Object call(String function, Object... arguments) {
      var args = new JsonArray();
      for (Object argument : arguments) {
        args.add(new JsonObject().put("type", argument instanceof String ? "string" : "number").put("value", argument));
      }
      JsonObject result = bidi.send("script.callFunction", new JsonObject().put("functionDeclaration", function)
          .put("awaitPromise", true).put("arguments", args).put("target", new JsonObject().put("context", context))
          .put("resultOwnership", "none")
          .put("serializationOptions", new JsonObject().put("maxObjectDepth", 16).put("maxDomDepth", 0)), COMMAND);
      if ("exception".equals(result.getString("type"))) {
        JsonObject details = result.getJsonObject("exceptionDetails", new JsonObject());
        throw new AssertionError("the page's script failed in " + names.get(context) + ": " + details.getString("text"));
      }
      return Bidi.javaValue(result.getJsonObject("result"));
    }

    @Override
    public void beforeEveryPage(String script) {
      bidi.send("script.addPreloadScript", new JsonObject().put("functionDeclaration", "() => {\n" + script + "\n}")
          .put("contexts", new JsonArray().add(context)), COMMAND);
    }

    /** The element's in-view centre, in whole CSS pixels of the viewport, after scrolling it into the middle. */
    @SuppressWarnings("unchecked")
    private List<Number> centreOf(String cssSelector) {
      return (List<Number>) call("""
          function (selector) {
            const element = document.querySelector(selector);
            if (!element) throw new Error('no element matches ' + selector);
            element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
            const box = element.getBoundingClientRect();
            const x = Math.floor(box.left + box.width / 2), y = Math.floor(box.top + box.height / 2);
            if (box.width === 0 || box.height === 0 || x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
              throw new Error(selector + ' cannot be clicked: it is not on screen (' + JSON.stringify(box) + ')');
            }
            const hit = document.elementFromPoint(x, y);
            if (hit !== element && !element.contains(hit)) {
              const name = (e) => e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') : 'nothing';
              throw new Error(selector + ' cannot be clicked: ' + name(hit) + ' is in front of it at ' + x + ',' + y);
            }
            return [x, y];
          }""", cssSelector);
    }

    /**
     * Brings the window to the front with the focus in it, as a person's is when they click or type: as on a desktop,
     * one window has the focus, and in the others Firefox fires no focus or blur events (nor a field's change event).
     */
    private void activate() {
      send("browsingContext.activate", new JsonObject(), COMMAND);
    }

    @Override
    public void click(String cssSelector) {
      activate();
      List<Number> centre = centreOf(cssSelector);
      var pointer = new JsonArray()
          .add(new JsonObject().put("type", "pointerMove").put("x", centre.get(0).intValue()).put("y", centre.get(1).intValue())
              .put("origin", "viewport"))
          .add(new JsonObject().put("type", "pointerDown").put("button", 0))
          .add(new JsonObject().put("type", "pointerUp").put("button", 0));
      perform(new JsonObject().put("type", "pointer").put("id", "mouse")
          .put("parameters", new JsonObject().put("pointerType", "mouse")).put("actions", pointer));
    }

    @Override
    public void type(String cssSelector, String text) {
      activate();
      call("""
          function (selector) {
            const input = document.querySelector(selector);
            if (!input) throw new Error('no element matches ' + selector);
            input.focus();
            input.value = '';
            input.dispatchEvent(new Event('input', { bubbles: true }));
          }""", cssSelector);
      press(text);
    }

    @Override
    public void press(CharSequence keys) {
      activate();
      var actions = new JsonArray();
      keys.codePoints().mapToObj(Character::toString).forEach(key -> actions
          .add(new JsonObject().put("type", "keyDown").put("value", key))
          .add(new JsonObject().put("type", "keyUp").put("value", key)));
      perform(new JsonObject().put("type", "key").put("id", "keyboard").put("actions", actions));
    }

    private void perform(JsonObject source) {
      send("input.performActions", new JsonObject().put("actions", new JsonArray().add(source)), COMMAND);
      send("input.releaseActions", new JsonObject(), COMMAND);
    }

    @Override
    public void viewport(int width, int height, boolean mobile) {
      // WebDriver BiDi has no phone mode: the size and a device pixel ratio of 1 only
      send("browsingContext.setViewport", new JsonObject()
          .put("viewport", new JsonObject().put("width", width).put("height", height)).put("devicePixelRatio", 1), COMMAND);
    }

    @Override
    public void screenshot(Path file) {
      String png = send("browsingContext.captureScreenshot", new JsonObject(), COMMAND).getString("data");
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(png));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public boolean isDisplayed(String cssSelector) {
      return Boolean.TRUE.equals(call("""
          function (selector) {
            const element = document.querySelector(selector);
            if (!element) throw new Error('no element matches ' + selector);
            const box = element.getBoundingClientRect();
            return box.width > 0 && box.height > 0
              && element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
          }""", cssSelector));
    }

    @Override
    public String text(String cssSelector) {
      return (String) call("""
          function (selector) {
            const element = document.querySelector(selector);
            if (!element) throw new Error('no element matches ' + selector);
            return element.innerText.trim();
          }""", cssSelector);
    }
  }

  private static Map<String, Object> prefs() {
    var prefs = new java.util.LinkedHashMap<String, Object>();
    // a fake camera and microphone, granted without asking, and ICE on this machine's own addresses
    prefs.put("media.navigator.streams.fake", true);
    prefs.put("media.navigator.permission.disabled", true);
    prefs.put("media.peerconnection.ice.loopback", true);
    prefs.put("media.peerconnection.ice.obfuscate_host_addresses", false);
    prefs.put("media.autoplay.default", 0);
    prefs.put("media.autoplay.blocking_policy", 0);
    // every window is a person in the call: none may be throttled for being in the background
    prefs.put("dom.min_background_timeout_value", 4);
    prefs.put("dom.min_background_timeout_value_without_budget_throttling", 4);
    prefs.put("dom.timeout.enable_budget_timer_throttling", false);
    prefs.put("dom.suspend_inactive.enabled", false);
    prefs.put("layout.throttled_frame_rate", 60);
    // a quiet start: no first-run pages, no default-browser question, no session restore
    prefs.put("browser.shell.checkDefaultBrowser", false);
    prefs.put("browser.startup.page", 0);
    prefs.put("browser.startup.homepage", "about:blank");
    prefs.put("browser.startup.homepage_override.mstone", "ignore");
    prefs.put("startup.homepage_welcome_url", "about:blank");
    prefs.put("startup.homepage_welcome_url.additional", "");
    prefs.put("browser.aboutwelcome.enabled", false);
    prefs.put("browser.sessionstore.resume_from_crash", false);
    prefs.put("toolkit.startup.max_resumed_crashes", -1);
    prefs.put("browser.tabs.warnOnClose", false);
    prefs.put("browser.warnOnQuit", false);
    prefs.put("datareporting.policy.firstRunURL", "");
    // nothing phones home: updates, telemetry, studies, safe browsing, remote settings, push, captive portals
    prefs.put("app.update.auto", false);
    prefs.put("app.update.enabled", false);
    prefs.put("app.update.checkInstallTime", false);
    prefs.put("app.update.disabledForTesting", true);
    prefs.put("app.normandy.enabled", false);
    prefs.put("app.shield.optoutstudies.enabled", false);
    prefs.put("toolkit.telemetry.enabled", false);
    prefs.put("toolkit.telemetry.unified", false);
    prefs.put("toolkit.telemetry.archive.enabled", false);
    prefs.put("toolkit.telemetry.server", "");
    prefs.put("toolkit.telemetry.coverage.opt-out", true);
    prefs.put("toolkit.coverage.opt-out", true);
    prefs.put("datareporting.healthreport.uploadEnabled", false);
    prefs.put("datareporting.policy.dataSubmissionEnabled", false);
    prefs.put("datareporting.policy.dataSubmissionPolicyBypassNotification", true);
    prefs.put("browser.ping-centre.telemetry", false);
    prefs.put("browser.crashReports.unsubmittedCheck.enabled", false);
    prefs.put("network.captive-portal-service.enabled", false);
    prefs.put("network.connectivity-service.enabled", false);
    prefs.put("captivedetect.canonicalURL", "");
    prefs.put("extensions.update.enabled", false);
    prefs.put("extensions.update.notifyUser", false);
    prefs.put("extensions.getAddons.cache.enabled", false);
    prefs.put("extensions.blocklist.enabled", false);
    prefs.put("extensions.systemAddon.update.enabled", false);
    prefs.put("extensions.systemAddon.update.url", "");
    prefs.put("browser.safebrowsing.malware.enabled", false);
    prefs.put("browser.safebrowsing.phishing.enabled", false);
    prefs.put("browser.safebrowsing.downloads.enabled", false);
    prefs.put("browser.safebrowsing.downloads.remote.enabled", false);
    prefs.put("browser.safebrowsing.blockedURIs.enabled", false);
    prefs.put("browser.safebrowsing.passwords.enabled", false);
    prefs.put("browser.safebrowsing.update.enabled", false);
    prefs.put("services.settings.server", "data:,#remote-settings-dummy/v1");
    prefs.put("security.remote_settings.crlite_filters.enabled", false);
    prefs.put("security.remote_settings.intermediates.enabled", false);
    prefs.put("security.OCSP.enabled", 0);
    prefs.put("security.certerrors.mitm.priming.enabled", false);
    prefs.put("dom.push.connection.enabled", false);
    prefs.put("dom.push.serverURL", "");
    prefs.put("identity.fxaccounts.enabled", false);
    prefs.put("browser.search.update", false);
    prefs.put("browser.region.network.url", "");
    prefs.put("browser.region.update.enabled", false);
    prefs.put("geo.provider.network.url", "");
    prefs.put("browser.newtabpage.enabled", false);
    prefs.put("browser.newtabpage.activity-stream.feeds.section.topstories", false);
    prefs.put("browser.newtabpage.activity-stream.feeds.topsites", false);
    prefs.put("browser.newtabpage.activity-stream.showSponsored", false);
    prefs.put("browser.newtabpage.activity-stream.default.sites", "");
    prefs.put("browser.topsites.contile.enabled", false);
    prefs.put("browser.discovery.enabled", false);
    prefs.put("browser.uitour.enabled", false);
    prefs.put("browser.translations.enable", false);
    prefs.put("browser.ml.enable", false);
    prefs.put("media.gmp-manager.updateEnabled", false);
    prefs.put("media.gmp-manager.url", "");
    prefs.put("media.gmp-gmpopenh264.autoupdate", false);
    prefs.put("media.gmp-widevinecdm.enabled", false);
    prefs.put("media.eme.enabled", false);
    prefs.put("network.trr.mode", 5);
    prefs.put("network.dns.disablePrefetch", true);
    prefs.put("network.prefetch-next", false);
    prefs.put("network.predictor.enabled", false);
    prefs.put("network.http.speculative-parallel-limit", 0);
    prefs.put("browser.urlbar.speculativeConnect.enabled", false);
    return prefs;
  }
}
