package parley;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.config.Settings;

import java.util.function.Supplier;

/** {@code java -jar parley.jar [-conf FILE]}: Vert.x's launcher, with Parley's settings and metrics. */
public final class Launcher implements VertxApplicationHooks {
  private static final Logger log = LoggerFactory.getLogger(Launcher.class);
  private static final int EXIT_BAD_CONFIG = 2;

  private Settings settings;

  public static void main(String[] args) {
    int exitCode = new VertxApplication(args, new Launcher()).launch();
    if (exitCode != 0) System.exit(exitCode);
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

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    return Vertx.builder().with(options.setMetricsOptions(metricsOptions())).withMetrics(new MicrometerMetricsFactory());
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    return () -> new Main(settings);
  }

  /** Prometheus metrics of Vert.x itself and of Parley's meters, scraped at /metrics. */
  public static MicrometerMetricsOptions metricsOptions() {
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }
}
