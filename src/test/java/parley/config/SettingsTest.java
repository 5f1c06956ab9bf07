package parley.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SettingsTest {

  @Test
  void the_defaults_are_the_contracts() {
    Settings s = Settings.defaults();
    assertEquals("0.0.0.0", s.httpHost());
    assertEquals(8080, s.httpPort());
    assertEquals(8, s.roomCapacity());
    assertEquals(65_536, s.maxMessageBytes());
    assertEquals(50, s.rateLimitPerSec());
    assertEquals(200, s.rateLimitBurst());
    assertEquals(Duration.ofSeconds(10), s.resumeGrace());
    assertEquals(Duration.ofSeconds(15), s.pingInterval());
    assertEquals(Duration.ofSeconds(45), s.idleTimeout());
    assertEquals(Set.of(), s.allowedOrigins());
    assertEquals(new JsonArray("[{\"urls\":[\"stun:stun.l.google.com:19302\"]}]"), s.iceServers());
    assertEquals(Duration.ofDays(1), s.turnTtl());
    assertFalse(s.turnEnabled());
    assertFalse(s.cluster());
    assertEquals("127.0.0.1", s.clusterHost());
    assertEquals(5701, s.clusterPort());
    assertEquals(List.of(), s.clusterMembers());
    assertEquals(Duration.ofSeconds(10), s.drainTimeout());
    assertEquals(0, s.eventBusPort());
    assertEquals("all", s.iceTransportPolicy());
    assertFalse(s.tlsEnabled());
    assertEquals(100_000, s.maxPeers());
    assertEquals(64, s.maxPeersPerIp());
    assertEquals(Set.of(), s.trustedProxies());
  }

  @Test
  void a_system_property_beats_the_environment_which_beats_the_file() {
    JsonObject file = new JsonObject().put("ROOM_CAPACITY", 3).put("HTTP_PORT", 9000).put("MAX_PEERS", 10);
    Map<String, String> env = Map.of("ROOM_CAPACITY", "4", "HTTP_PORT", "9001");
    Properties props = new Properties();
    props.setProperty("ROOM_CAPACITY", "5");
    Settings s = Settings.load(file, env, props);
    assertEquals(5, s.roomCapacity());
    assertEquals(9001, s.httpPort());
    assertEquals(10, s.maxPeers());
    assertEquals(65_536, s.maxMessageBytes());
  }

  @Test
  void lists_and_ice_servers_come_from_text_or_json() {
    Settings fromEnv = Settings.load(new JsonObject(), Map.of(
        "ALLOWED_ORIGINS", "https://a.example, http://b.example:8080",
        "ICE_SERVERS", "[{\"urls\":\"turn:t.example\",\"username\":\"u\",\"credential\":\"c\"}]",
        "CLUSTER_MEMBERS", "10.0.0.1:5701,node-2:5701"), new Properties());
    assertEquals(Set.of("https://a.example", "http://b.example:8080"), fromEnv.allowedOrigins());
    assertEquals("turn:t.example", fromEnv.iceServers().getJsonObject(0).getString("urls"));
    assertEquals(List.of("10.0.0.1:5701", "node-2:5701"), fromEnv.clusterMembers());
    Settings fromFile = Settings.of(new JsonObject()
        .put("ICE_SERVERS", new JsonArray().add(new JsonObject().put("urls", "stun:s.example")))
        .put("TURN_URLS", new JsonArray().add("turn:t.example:3478")).put("TURN_SECRET", "s"));
    assertEquals("stun:s.example", fromFile.iceServers().getJsonObject(0).getString("urls"));
    assertTrue(fromFile.turnEnabled());
  }

  @ParameterizedTest(name = "{0}={1} is refused")
  @CsvSource(delimiter = '|', value = {
      "HTTP_PORT|abc", "HTTP_PORT|-1", "HTTP_PORT|70000", "ROOM_CAPACITY|0", "ROOM_CAPACITY|2.5",
      "MAX_MESSAGE_BYTES|-5", "RATE_LIMIT_PER_SEC|-1", "RATE_LIMIT_BURST|lots", "RESUME_GRACE_MS|-1",
      "PING_INTERVAL_MS|soon", "IDLE_TIMEOUT_MS|-100", "ALLOWED_ORIGINS|example.com",
      "ALLOWED_ORIGINS|https://example.com/path", "ALLOWED_ORIGINS|ftp://example.com", "ICE_SERVERS|not json",
      "ICE_SERVERS|[1]", "ICE_SERVERS|[{\"url\":\"stun:x\"}]", "TURN_TTL_SECONDS|0", "CLUSTER|yes",
      "CLUSTER_PORT|0", "CLUSTER_MEMBERS|host-without-port", "DRAIN_TIMEOUT_MS|-1", "EVENTBUS_PORT|x",
      "ICE_TRANSPORT_POLICY|none", "MAX_PEERS|0", "MAX_PEERS_PER_IP|-2"})
  void a_bad_value_is_refused_with_a_message_naming_the_key(String key, String value) {
    var error = assertThrows(IllegalArgumentException.class,
        () -> Settings.load(new JsonObject(), Map.of(key, value), new Properties()));
    assertTrue(error.getMessage().startsWith(key + " "), error.getMessage());
    assertTrue(error.getMessage().contains("(got '"), "says what it got: " + error.getMessage());
  }

  @Test
  void an_unknown_key_in_the_file_is_refused_so_typos_do_not_pass_silently() {
    var error = assertThrows(IllegalArgumentException.class, () -> Settings.of(new JsonObject().put("ROOM_CAPACTY", 4)));
    assertTrue(error.getMessage().startsWith("ROOM_CAPACTY "));
  }

  @Test
  void the_shipped_config_file_lists_every_key_with_its_default() throws Exception {
    JsonObject file = new JsonObject(Files.readString(Path.of("conf/config.json")));
    assertEquals(Defaults.VALUES.keySet(), file.fieldNames());
    assertEquals(Settings.defaults(), Settings.of(file));
  }
}
