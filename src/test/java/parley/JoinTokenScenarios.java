package parley;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.support.Deployment;
import parley.support.Http;
import parley.support.JoinToken;
import parley.support.Metrics;
import parley.support.TestPeer;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Join tokens (contract section 4), on one node and on three: every upgrade needs one, checked before it. */
abstract class JoinTokenScenarios extends Scenarios {
  static final String SECRET = "0123456789abcdef0123456789abcdef-test";
  private static final String REFUSED = "parley_upgrades_refused_total{reason=\"token\"}";

  static JsonObject settings() {
    return Deployment.scenarioSettings().put("JOIN_TOKEN_SECRET", SECRET);
  }

  static JsonObject claims(String room) {
    return new JsonObject().put("room", room).put("exp", JoinToken.inSeconds(60));
  }

  TestPeer join(String room, String token, String query) {
    return joinPath("/room/" + room + "?token=" + token + query);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"missing", "malformed", "forged", "expired", "not yet valid", "another room", "alg none", "alg HS512", "no exp"})
  void an_upgrade_without_a_valid_token_is_refused_with_401_and_counted(String kind) {
    String room = Deployment.freshRoom();
    JsonObject claims = claims(room);
    String token = switch (kind) {
      case "missing" -> null;
      case "malformed" -> "not.a.token";
      case "forged" -> JoinToken.hs256(SECRET + "x", claims);
      case "expired" -> JoinToken.hs256(SECRET, claims.put("exp", JoinToken.inSeconds(-30)));
      case "not yet valid" -> JoinToken.hs256(SECRET, claims.put("nbf", JoinToken.inSeconds(60)));
      case "another room" -> JoinToken.hs256(SECRET, claims.put("room", room + "x"));
      case "alg none" -> JoinToken.unsigned(claims);
      case "alg HS512" -> JoinToken.hs512(SECRET, claims);
      default -> JoinToken.hs256(SECRET, new JsonObject().put("room", room));
    };
    int port = nextPort();
    double before = Metrics.value(Metrics.scrape(deployment().clients(), port), REFUSED);
    String path = "/room/" + room + (token == null ? "" : "?token=" + token);
    assertEquals(401, Http.upgradeStatus(deployment().clients(), port, path, Map.of()));
    assertEquals(before + 1, Metrics.value(Metrics.scrape(deployment().clients(), port), REFUSED));
  }

  @Test
  void a_valid_token_admits_with_its_name_over_the_query_and_its_host_claim() {
    String room = Deployment.freshRoom();
    TestPeer guest = join(room, JoinToken.hs256(SECRET, claims(room).put("name", "Guest\u0007 ")), "&name=Other");
    assertEquals(new JsonArray(), guest.welcome().getJsonArray("hosts"), "with tokens, nobody is host by arriving first");
    assertEquals("Guest", guest.welcome().getJsonObject("names").getString(guest.id()));
    TestPeer host = join(room, JoinToken.hs256(SECRET, claims("*").put("host", true)), "&name=Hannah");
    assertEquals(new JsonArray().add(host.id()), host.welcome().getJsonArray("hosts"));
    assertEquals("Hannah", host.welcome().getJsonObject("names").getString(host.id()), "no name claim: the query's");
    assertEquals("Hannah", guest.next("peer-joined").getString("name"));
    assertEquals(new JsonArray().add(host.id()), guest.next("hosts").getJsonArray("ids"));
  }

  @Test
  void exp_has_five_seconds_of_leeway() {
    String room = Deployment.freshRoom();
    TestPeer late = join(room, JoinToken.hs256(SECRET, claims(room).put("exp", JoinToken.inSeconds(-2))), "");
    assertTrue(late.id() != null);
  }

  @Test
  void a_resume_needs_a_valid_token_too_and_keeps_the_name_and_role_of_its_join() {
    String room = Deployment.freshRoom();
    TestPeer host = join(room, JoinToken.hs256(SECRET, claims(room).put("host", true).put("name", "Hannah")), "");
    TestPeer guest = join(room, JoinToken.hs256(SECRET, claims(room)), "");
    host.next("peer-joined");
    host.close(1001);
    assertEquals(401, Http.upgradeStatus(deployment().clients(), nextPort(), "/room/" + room + "?resume=" + host.token(), Map.of()));
    TestPeer back = join(room, JoinToken.hs256(SECRET, claims(room).put("name", "Someone else")), "&resume=" + host.token());
    assertEquals(true, back.welcome().getBoolean("resumed"));
    assertEquals(new JsonArray().add(host.id()), back.welcome().getJsonArray("hosts"));
    assertEquals("Hannah", back.welcome().getJsonObject("names").getString(host.id()));
    ProtocolScenarios.assertNextIsMarker(guest, back);
  }
}
