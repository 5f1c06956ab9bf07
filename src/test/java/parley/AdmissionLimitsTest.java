package parley;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.Deployment;
import parley.support.Http;
import parley.support.SingleNode;
import parley.support.TestPeer;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Limits that refuse a socket before the upgrade: MAX_PEERS, MAX_PEERS_PER_IP and TRUSTED_PROXIES. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AdmissionLimitsTest {

  @Test
  void over_max_peers_an_upgrade_is_refused_with_503_and_the_node_stays_ready() {
    try (SingleNode node = new SingleNode(Deployment.scenarioSettings().put("MAX_PEERS", 2));
         TestPeer a = TestPeer.join(node.clients(), node.port(0), "/room/x");
         TestPeer b = TestPeer.join(node.clients(), node.port(0), "/room/x")) {
      assertEquals(503, Http.upgradeStatus(node.clients(), node.port(0), "/room/z", Map.of()));
      assertEquals(200, Http.get(node.clients(), node.port(0), "/health/ready").status());
      a.next("peer-joined");
      b.close(1000);
      a.next("peer-left"); // the server has let go of b's socket
      assertEquals(101, Http.upgradeStatus(node.clients(), node.port(0), "/room/z", Map.of()));
    }
  }

  @Test
  void over_max_peers_per_ip_an_upgrade_is_refused_with_429() {
    try (SingleNode node = new SingleNode(Deployment.scenarioSettings().put("MAX_PEERS_PER_IP", 2));
         TestPeer a = TestPeer.join(node.clients(), node.port(0), "/room/x");
         TestPeer b = TestPeer.join(node.clients(), node.port(0), "/room/x")) {
      assertEquals(429, Http.upgradeStatus(node.clients(), node.port(0), "/room/x", Map.of()));
      String metrics = Http.get(node.clients(), node.port(0), "/metrics").body();
      org.junit.jupiter.api.Assertions.assertTrue(metrics.contains("parley_upgrades_refused_total{reason=\"address-full\"} 1.0"), metrics);
    }
  }

  @Test
  void behind_a_trusted_proxy_the_forwarded_address_is_the_one_counted() {
    JsonObject settings = Deployment.scenarioSettings().put("MAX_PEERS_PER_IP", 1).put("TRUSTED_PROXIES", "127.0.0.1");
    try (SingleNode node = new SingleNode(settings);
         TestPeer a = TestPeer.open(node.clients(), node.port(0), "/room/x", null, Map.of("X-Forwarded-For", "203.0.113.1"));
         TestPeer b = TestPeer.open(node.clients(), node.port(0), "/room/x", null, Map.of("X-Forwarded-For", "203.0.113.2"))) {
      a.next("welcome");
      b.next("welcome");
      assertEquals(429, Http.upgradeStatus(node.clients(), node.port(0), "/room/x", Map.of("X-Forwarded-For", "203.0.113.1")));
    }
  }

  @Test
  void an_untrusted_client_cannot_dodge_the_limit_with_a_forged_forwarded_header() {
    try (SingleNode node = new SingleNode(Deployment.scenarioSettings().put("MAX_PEERS_PER_IP", 1));
         TestPeer a = TestPeer.open(node.clients(), node.port(0), "/room/x", null, Map.of("X-Forwarded-For", "203.0.113.1"))) {
      a.next("welcome");
      assertEquals(429, Http.upgradeStatus(node.clients(), node.port(0), "/room/x", Map.of("X-Forwarded-For", "203.0.113.2")));
    }
  }
}
