package parley.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Every setting of Parley, loaded once and validated once.
 * Each key is read from a system property, then the environment, then the JSON file, then its default.
 */
public record Settings(
    String httpHost,
    int httpPort,
    int roomCapacity,
    int maxMessageBytes,
    int rateLimitPerSec,
    int rateLimitBurst,
    Duration resumeGrace,
    Duration pingInterval,
    Duration idleTimeout,
    Set<String> allowedOrigins,
    JsonArray iceServers,
    List<String> turnUrls,
    String turnSecret,
    Duration turnTtl,
    boolean cluster,
    String clusterHost,
    int clusterPort,
    List<String> clusterMembers,
    Duration drainTimeout,
    int eventBusPort,
    String iceTransportPolicy,
    String tlsCertPath,
    String tlsKeyPath,
    int maxPeers,
    int maxPeersPerIp,
    Set<String> trustedProxies,
    String joinTokenSecret,
    String adminToken,
    Duration knockTimeout) {

  /** Reads every key from its sources in order of precedence; a bad value throws {@link IllegalArgumentException} naming the key. */
  public static Settings load(JsonObject file, Map<String, String> env, Properties systemProperties) {
    var in = new Sources(file, env, systemProperties);
    return new Settings(
        in.text("HTTP_HOST"),
        in.integer("HTTP_PORT", 0, 65_535),
        in.integer("ROOM_CAPACITY", 1, 10_000),
        in.integer("MAX_MESSAGE_BYTES", 256, 16 * 1024 * 1024),
        in.integer("RATE_LIMIT_PER_SEC", 1, 1_000_000),
        in.integer("RATE_LIMIT_BURST", 1, 1_000_000),
        in.millis("RESUME_GRACE_MS", 0),
        in.millis("PING_INTERVAL_MS", 100),
        in.millis("IDLE_TIMEOUT_MS", 100),
        in.origins("ALLOWED_ORIGINS"),
        in.iceServers("ICE_SERVERS"),
        in.list("TURN_URLS"),
        in.text("TURN_SECRET"),
        Duration.ofSeconds(in.integer("TURN_TTL_SECONDS", 1, Integer.MAX_VALUE)),
        in.bool("CLUSTER"),
        in.text("CLUSTER_HOST"),
        in.integer("CLUSTER_PORT", 1, 65_535),
        in.hostPorts("CLUSTER_MEMBERS"),
        in.millis("DRAIN_TIMEOUT_MS", 0),
        in.integer("EVENTBUS_PORT", 0, 65_535),
        in.oneOf("ICE_TRANSPORT_POLICY", "all", "relay"),
        in.text("TLS_CERT_PATH"),
        in.text("TLS_KEY_PATH"),
        in.integer("MAX_PEERS", 1, Integer.MAX_VALUE),
        in.integer("MAX_PEERS_PER_IP", 1, Integer.MAX_VALUE),
        Set.copyOf(in.list("TRUSTED_PROXIES")),
        in.secret("JOIN_TOKEN_SECRET", JOIN_TOKEN_SECRET_MIN_BYTES),
        in.secret("ADMIN_TOKEN", 1),
        in.millis("KNOCK_TIMEOUT_MS", 100));
  }

  /** Defaults, overridden by the given JSON only: for tests and embedding. */
  public static Settings of(JsonObject overrides) {
    return load(overrides, Map.of(), new Properties());
  }

  public static Settings defaults() {
    return of(new JsonObject());
  }

  /** HS256 wants a key at least as long as its hash. */
  public static final int JOIN_TOKEN_SECRET_MIN_BYTES = 32;

  /** Every upgrade needs a signed join token. */
  public boolean joinTokens() {
    return !joinTokenSecret.isEmpty();
  }

  public boolean adminApi() {
    return !adminToken.isEmpty();
  }

  public boolean turnEnabled() {
    return !turnUrls.isEmpty() && !turnSecret.isEmpty();
  }

  public boolean tlsEnabled() {
    return !tlsCertPath.isEmpty() && !tlsKeyPath.isEmpty();
  }

  public boolean resumeEnabled() {
    return !resumeGrace.isZero();
  }
}
