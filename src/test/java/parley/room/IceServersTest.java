package parley.room;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.protocol.PeerId;
import parley.config.Settings;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class IceServersTest {
  private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void without_turn_the_configured_servers_are_handed_out_as_they_are() {
    Settings settings = Settings.of(new JsonObject().put("ICE_SERVERS", "[{\"urls\":\"stun:s.example\"}]"));
    assertEquals(new JsonArray("[{\"urls\":\"stun:s.example\"}]"), new IceServers(settings, NOON).forPeer(new PeerId("p1")));
  }

  @Test
  void with_turn_each_peer_gets_time_limited_credentials_that_coturn_can_check() throws Exception {
    Settings settings = Settings.of(new JsonObject().put("ICE_SERVERS", "[]").put("TURN_URLS", "turn:t.example:3478")
        .put("TURN_SECRET", "s3cret").put("TURN_TTL_SECONDS", 600));
    JsonObject turn = new IceServers(settings, NOON).forPeer(new PeerId("p1")).getJsonObject(0);
    long expiry = Instant.parse("2026-11-23T12:10:00Z").getEpochSecond();
    assertEquals(expiry + ":p1", turn.getString("username"));
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String expected = Base64.getEncoder().encodeToString(mac.doFinal((expiry + ":p1").getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, turn.getString("credential"));
    assertEquals(new JsonArray().add("turn:t.example:3478"), turn.getJsonArray("urls"));
  }
}
