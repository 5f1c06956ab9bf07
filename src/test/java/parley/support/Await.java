package parley.support;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Blocks a test thread (never an event loop) on a Vert.x future, with a timeout. */
public final class Await {
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private Await() {
  }

  public static <T> T result(Future<T> future) {
    return result(future, TIMEOUT);
  }

  public static <T> T result(Future<T> future, Duration timeout) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("awaited future did not succeed within " + timeout + ": " + e, e);
    }
  }
}
