package parley.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The raw value of a key (system property > environment > file > default) and its typed, checked reading.
 * Vert.x options are decided before a Vertx instance exists, so this cannot use vertx-config.
 */
final class Sources {
  private static final Pattern HOST_PORT = Pattern.compile("^[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}$");

  private final JsonObject file;
  private final Map<String, String> env;
  private final Properties systemProperties;

  Sources(JsonObject file, Map<String, String> env, Properties systemProperties) {
    this.file = file;
    this.env = env;
    this.systemProperties = systemProperties;
    for (String key : file.fieldNames()) {
      if (!Defaults.VALUES.containsKey(key)) {
        throw bad(key, "is not a Parley setting", file.getValue(key));
      }
    }
  }

  private Object raw(String key) {
    Object value = systemProperties.getProperty(key);
    if (value == null) value = env.get(key);
    if (value == null) value = file.getValue(key);
    if (value == null) value = Defaults.VALUES.get(key);
    return value;
  }

  String text(String key) {
    return raw(key).toString().trim();
  }

  int integer(String key, int min, int max) {
    String value = text(key);
    try {
      long parsed = Long.parseLong(value);
      if (parsed >= min && parsed <= max) return (int) parsed;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(key, "must be a whole number from " + min + " to " + max, value);
  }

  Duration millis(String key, int min) {
    return Duration.ofMillis(integer(key, min, Integer.MAX_VALUE));
  }

  boolean bool(String key) {
    String value = text(key);
    if (value.equalsIgnoreCase("true")) return true;
    if (value.equalsIgnoreCase("false")) return false;
    throw bad(key, "must be true or false", value);
  }

  String oneOf(String key, String... allowed) {
    String value = text(key);
    if (Arrays.asList(allowed).contains(value)) return value;
    throw bad(key, "must be one of " + String.join(", ", allowed), value);
  }

  List<String> list(String key) {
    Object value = raw(key);
    if (value instanceof JsonArray array) {
      return array.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  List<String> hostPorts(String key) {
    List<String> members = list(key);
    for (String member : members) {
      if (!HOST_PORT.matcher(member).matches()) throw bad(key, "must list host:port pairs", member);
    }
    return members;
  }

  /** A secret: empty for none, else at least {@code minBytes} bytes; the value itself is never echoed in an error. */
  String secret(String key, int minBytes) {
    String value = text(key);
    if (value.isEmpty() || value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= minBytes) return value;
    throw new IllegalArgumentException(key + " must be empty or at least " + minBytes + " bytes long (got " + value.length() + " characters)");
  }

  /** Exact origins, as a browser sends them: scheme://host[:port], no path. */
  Set<String> origins(String key) {
    Set<String> origins = new LinkedHashSet<>();
    for (String origin : list(key)) {
      try {
        URI uri = new URI(origin);
        boolean exact = (uri.getScheme() != null && uri.getScheme().matches("https?"))
            && uri.getHost() != null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
            && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!exact) throw bad(key, "must list origins like https://example.com:8443", origin);
      } catch (URISyntaxException e) {
        throw bad(key, "must list origins like https://example.com:8443", origin);
      }
      origins.add(origin);
    }
    return Set.copyOf(origins);
  }

  /** A JSON array of RTCIceServer objects, each with "urls". */
  JsonArray iceServers(String key) {
    Object value = raw(key);
    JsonArray servers;
    try {
      servers = value instanceof JsonArray array ? array : new JsonArray(value.toString());
    } catch (DecodeException e) {
      throw bad(key, "must be a JSON array of ICE servers", value);
    }
    for (Object server : servers) {
      if (!(server instanceof JsonObject object) || !object.containsKey("urls")) {
        throw bad(key, "each ICE server must be an object with \"urls\"", server);
      }
    }
    return servers;
  }

  private static IllegalArgumentException bad(String key, String rule, Object value) {
    return new IllegalArgumentException(key + " " + rule + " (got '" + value + "')");
  }
}
