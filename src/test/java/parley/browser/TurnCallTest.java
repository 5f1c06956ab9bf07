package parley.browser;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.Coturn;
import parley.support.SingleNode;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relay-only calls through Debian's coturn, with the credentials Parley mints. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TurnCallTest {

  static JsonObject relayOnly(Coturn turn, String secret) {
    return CallTest.browserSettings().put("TURN_URLS", turn.url()).put("TURN_SECRET", secret)
        .put("ICE_TRANSPORT_POLICY", "relay");
  }

  @Test
  void with_relay_only_policy_two_pages_connect_through_coturn_and_video_flows() {
    try (Coturn turn = new Coturn("shared-secret");
         SingleNode node = new SingleNode(relayOnly(turn, "shared-secret"));
         Browser browser = new Browser()) {
      String url = "http://127.0.0.1:" + node.port(0) + "/relayed?join=1";
      Person alice = browser.person("alice").open(url);
      Person bob = browser.person("bob").open(url);
      CallTest.assertSeesVideo(alice, bob);
      CallTest.assertSeesVideo(bob, alice);
      String bobId = CallTest.idOf(bob);
      Map<String, Object> seen = alice.await("the relayed path", s -> Boolean.TRUE.equals(CallTest.peerSeenBy(s, bobId).get("relayed")));
      // a relay candidate exists only if coturn accepted the credentials Parley minted
      assertEquals("connected", CallTest.peerSeenBy(seen, bobId).get("state"));
    }
  }

  @Test
  void with_a_secret_coturn_does_not_share_the_call_does_not_connect_and_the_page_says_why() {
    try (Coturn turn = new Coturn("the-real-secret");
         SingleNode node = new SingleNode(relayOnly(turn, "a-wrong-secret"));
         Browser browser = new Browser()) {
      String url = "http://127.0.0.1:" + node.port(0) + "/refused?join=1";
      Person alice = browser.person("alice").open(url);
      Person bob = browser.person("bob").open(url);
      String bobId = CallTest.idOf(bob);
      Map<String, Object> seen = alice.await("the relay refused", s -> String.valueOf(s.get("notice")).contains("TURN relay"));
      assertTrue(String.valueOf(seen.get("notice")).contains("refused our credentials"), seen.toString());
      Map<String, Object> peer = CallTest.peerSeenBy(alice.snapshot(), bobId);
      assertTrue(peer == null || CallTest.frames(peer) == 0, "no video without the relay");
      alice.screenshot("turn-refused");
    }
  }
}
