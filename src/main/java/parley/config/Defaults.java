package parley.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** The built-in default of every key, in the order of the README table. */
final class Defaults {
  static final Map<String, Object> VALUES = new LinkedHashMap<>();

  static {
    VALUES.put("HTTP_HOST", "0.0.0.0");
    VALUES.put("HTTP_PORT", 8080);
    VALUES.put("ROOM_CAPACITY", 8);
    VALUES.put("MAX_MESSAGE_BYTES", 65_536);
    VALUES.put("RATE_LIMIT_PER_SEC", 50);
    VALUES.put("RATE_LIMIT_BURST", 200);
    VALUES.put("RESUME_GRACE_MS", 10_000);
    VALUES.put("PING_INTERVAL_MS", 15_000);
    VALUES.put("IDLE_TIMEOUT_MS", 45_000);
    VALUES.put("ALLOWED_ORIGINS", "");
    VALUES.put("ICE_SERVERS", "[{\"urls\":[\"stun:stun.l.google.com:19302\"]}]");
    VALUES.put("TURN_URLS", "");
    VALUES.put("TURN_SECRET", "");
    VALUES.put("TURN_TTL_SECONDS", 86_400);
    VALUES.put("CLUSTER", false);
    VALUES.put("CLUSTER_HOST", "127.0.0.1");
    VALUES.put("CLUSTER_PORT", 5701);
    VALUES.put("CLUSTER_MEMBERS", "");
    VALUES.put("DRAIN_TIMEOUT_MS", 10_000);
    VALUES.put("EVENTBUS_PORT", 0);
    VALUES.put("ICE_TRANSPORT_POLICY", "all");
    VALUES.put("TLS_CERT_PATH", "");
    VALUES.put("TLS_KEY_PATH", "");
    VALUES.put("MAX_PEERS", 100_000);
    VALUES.put("MAX_PEERS_PER_IP", 64);
    VALUES.put("TRUSTED_PROXIES", "");
    VALUES.put("JOIN_TOKEN_SECRET", "");
    VALUES.put("ADMIN_TOKEN", "");
    VALUES.put("KNOCK_TIMEOUT_MS", 120_000);
  }

  private Defaults() {
  }
}
