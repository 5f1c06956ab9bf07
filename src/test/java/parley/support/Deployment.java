package parley.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/** One or more running Parley nodes that tests reach over loopback. */
public interface Deployment extends AutoCloseable {

  /** The settings every scenario runs with: small limits and a short grace, so each behaviour is quick to see. */
  static JsonObject scenarioSettings() {
    return new JsonObject()
        .put("HTTP_HOST", "127.0.0.1")
        .put("HTTP_PORT", 0)
        .put("ROOM_CAPACITY", 3)
        .put("MAX_MESSAGE_BYTES", 4096)
        .put("RATE_LIMIT_PER_SEC", 20)
        .put("RATE_LIMIT_BURST", 100)
        .put("RESUME_GRACE_MS", GRACE_MS)
        .put("PING_INTERVAL_MS", 300)
        .put("IDLE_TIMEOUT_MS", 1000)
        .put("DRAIN_TIMEOUT_MS", 2000)
        .put("KNOCK_TIMEOUT_MS", KNOCK_TIMEOUT_MS)
        .put("ADMIN_TOKEN", ADMIN_TOKEN);
  }

  /** Long enough for a scenario to admit a knocker, short enough to wait out in one. */
  long KNOCK_TIMEOUT_MS = 2000;

  String ADMIN_TOKEN = "operator-secret-for-tests";

  /** Long enough for a loaded 2-core CI machine to finish a scenario's steps within it. */
  long GRACE_MS = 3000;

  static String freshRoom() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The Vert.x that test clients run on. */
  Vertx clients();

  int nodes();

  int port(int node);

  @Override
  void close();
}
