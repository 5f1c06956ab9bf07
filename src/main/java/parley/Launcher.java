package parley;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.cluster.HazelcastSetup;
import parley.config.Settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** {@code java -jar parley.jar [-conf FILE] [-cluster]}: Vert.x's launcher, with Parley's settings, metrics and cluster. */
public final class Launcher implements VertxApplicationHooks {
  private static final Logger log = LoggerFactory.getLogger(Launcher.class);
  /** A bad setting, or an address a setting names that is already taken: what the operator must change. */
  private static final int EXIT_BAD_CONFIG = 2;
  static final String CLUSTER_NAME = "parley";

  private Settings settings;

  public static void main(String[] args) {
    int exitCode = new VertxApplication(withClusterFlag(args), new Launcher()).launch();
    if (exitCode != 0) System.exit(exitCode);
  }

  /**
   * Vert.x's launcher clusters only with -cluster; CLUSTER=true (from any source) adds it,
   * and -cluster sets CLUSTER so the settings say what runs.
   */
  static String[] withClusterFlag(String[] args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (all.contains("-cluster")) {
      System.setProperty("CLUSTER", "true");
      return args;
    }
    try {
      if (Settings.load(confArgument(all), System.getenv(), System.getProperties()).cluster()) all.add("-cluster");
    } catch (RuntimeException badSettings) {
      // reported, with the key, once the launcher has parsed the configuration
    }
    return all.toArray(String[]::new);
  }

  /** The -conf value as the launcher reads it: inline JSON or a file. */
  private static JsonObject confArgument(List<String> args) {
    String value = null;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("-conf") && i + 1 < args.size()) value = args.get(i + 1);
      if (args.get(i).startsWith("-conf=")) value = args.get(i).substring("-conf=".length());
    }
    if (value == null) return new JsonObject();
    try {
      return new JsonObject(value.trim().startsWith("{") ? value : Files.readString(Path.of(value)));
    } catch (IOException | RuntimeException unreadable) {
      return new JsonObject();
    }
  }

  /** Validates every setting before Vert.x starts, so a bad value stops start-up with one line naming the key. */
  @Override
  public JsonObject afterConfigParsed(JsonObject config) {
    JsonObject file = config == null ? new JsonObject() : config;
    try {
      settings = Settings.load(file, System.getenv(), System.getProperties());
    } catch (IllegalArgumentException bad) {
      log.error("Bad configuration: {}", bad.getMessage());
      System.exit(EXIT_BAD_CONFIG);
    }
    return file;
  }

  /** One line for the operator: the runtime, and which transport carries the sockets. */
  @Override
  public void afterVertxStarted(HookContext context) {
    Vertx vertx = context.vertx();
    String java = "Java " + Runtime.version();
    if (vertx.isNativeTransportEnabled()) {
      log.info("Running on {}, transport: native epoll", java);
    } else {
      log.info("Running on {}, transport: NIO (native epoll unavailable: {})", java, vertx.unavailableNativeTransportCause());
    }
  }

  /** A port already taken stops start-up here, before Hazelcast or Vert.x log their own errors about it. */
  @Override
  public void beforeStartingVertx(HookContext context) {
    Listeners.firstTaken(settings).ifPresent(this::stopWith);
  }

  /** A port taken between that check and the bind: Hazelcast's member port or the clustered event bus's. */
  @Override
  public void afterFailureToStartVertx(HookContext context, Throwable failure) {
    Listeners.blamedFor(failure, settings, false).ifPresent(this::stopWith);
  }

  /** The HTTP port taken between that check and the bind; otherwise the launcher reports the failure itself. */
  @Override
  public void afterFailureToDeployVerticle(HookContext context, Throwable failure) {
    Listeners.blamedFor(failure, settings, true).ifPresent(this::stopWith);
    context.vertx().close();
  }

  /** One line and exit code 2, as for a bad setting; the launcher's shutdown hook closes Vert.x if it runs. */
  private void stopWith(Listeners.Listener taken) {
    log.error("Bad configuration: {}", taken.describe());
    System.exit(EXIT_BAD_CONFIG);
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    return builder(options, settings, CLUSTER_NAME);
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    return () -> new Main(settings);
  }

  /** A Vert.x as Parley runs it: Prometheus metrics, and with CLUSTER, Hazelcast and a clustered event bus. */
  public static VertxBuilder builder(VertxOptions options, Settings settings, String clusterName) {
    // epoll on Linux: less memory per idle socket and fewer wake-ups per message than NIO (docs/benchmarks.md);
    // where the native library cannot load, Vert.x stays on NIO and afterVertxStarted says why
    options.setMetricsOptions(metricsOptions(settings)).setPreferNativeTransport(true);
    VertxBuilder builder = Vertx.builder().withMetrics(new MicrometerMetricsFactory());
    if (settings.cluster()) {
      builder.withClusterManager(HazelcastSetup.clusterManager(settings, clusterName));
      HazelcastSetup.eventBus(options, settings);
    }
    return builder.with(options);
  }

  /** One meter registry per node, named by its cluster address: nodes sharing a JVM (as in tests) keep their meters apart. */
  static String registryName(Settings settings) {
    return settings.cluster() ? "parley-" + settings.clusterHost() + ":" + settings.clusterPort() : "parley";
  }

  /**
   * Prometheus metrics of Vert.x itself and of Parley's meters, scraped at /metrics. Vert.x's own
   * event-bus meters are off: they look their meters up on every message, about a tenth of the relay's
   * CPU (docs/benchmarks.md); parley_bus_consumers and the relay meters cover what they told.
   */
  public static MicrometerMetricsOptions metricsOptions(Settings settings) {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setRegistryName(registryName(settings))
        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }
}
