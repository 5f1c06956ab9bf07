package parley.support;

import io.vertx.core.Vertx;

import java.util.function.Predicate;
import java.util.function.Supplier;

/** Reads a node's /metrics as a scraper would. */
public final class Metrics {
  private static final long WAIT_NANOS = Await.TIMEOUT.toNanos();
  private static final long SCRAPE_EVERY_MS = 50;

  private Metrics() {
  }

  public static String scrape(Vertx vertx, int port) {
    return Http.get(vertx, port, "/metrics").body();
  }

  /** Scrapes until the text satisfies {@code condition} (meters change asynchronously), for 10 s at most; gives the last text. */
  public static String await(Vertx vertx, int port, Predicate<String> condition) {
    return awaitReading(vertx, () -> scrape(vertx, port), condition);
  }

  /** Sums {@code name} over every node until the sum satisfies {@code condition}, for 10 s at most; gives the last sum. */
  public static double awaitSum(Deployment deployment, String name, Predicate<Double> condition) {
    return awaitReading(deployment.clients(), () -> sum(deployment, name), condition);
  }

  private static <T> T awaitReading(Vertx vertx, Supplier<T> read, Predicate<T> condition) {
    long deadline = System.nanoTime() + WAIT_NANOS;
    T reading = read.get();
    while (!condition.test(reading) && System.nanoTime() < deadline) {
      Await.result(vertx.timer(SCRAPE_EVERY_MS)); // not a tight loop
      reading = read.get();
    }
    return reading;
  }

  /** The value of the unlabelled sample {@code name}; 0 when it is not exported yet. */
  public static double value(String text, String name) {
    return text.lines().filter(line -> line.startsWith(name + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim())).orElse(0.0);
  }

  /** The sum of {@code name} over every node of a deployment. */
  public static double sum(Deployment deployment, String name) {
    double total = 0;
    for (int node = 0; node < deployment.nodes(); node++) total += value(scrape(deployment.clients(), deployment.port(node)), name);
    return total;
  }
}
