package parley;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.Await;
import parley.support.Deployment;
import parley.support.Http;
import parley.support.RawSocket;
import parley.support.SingleNode;
import parley.support.TestPeer;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DrainAndSlowReaderTest {

  @Test
  void on_shutdown_the_node_turns_unready_closes_sockets_with_1012_and_exits_within_the_drain_timeout() {
    SingleNode node = new SingleNode(Deployment.scenarioSettings().put("DRAIN_TIMEOUT_MS", 3000).put("IDLE_TIMEOUT_MS", 60000));
    TestPeer alice = TestPeer.join(node.clients(), node.port(0), "/room/drain");
    RawSocket stubborn = RawSocket.open(node.clients(), node.port(0), "/room/drain"); // never answers the close
    alice.next("peer-joined");
    long start = System.nanoTime();
    Future<Void> stopped = node.server().close();
    assertEquals((short) 1012, alice.closeStatus());
    assertEquals(503, Http.get(node.clients(), node.port(0), "/health/ready").status(), "not ready while draining");
    Await.result(stopped, Duration.ofSeconds(10));
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertTrue(tookMs >= 2500 && tookMs < 8000, "waited for the stubborn socket up to the drain timeout: " + tookMs + " ms");
    stubborn.close();
    Await.result(node.clients().close());
  }

  @Test
  void a_reader_that_stalls_is_dropped_once_its_queue_is_full_and_never_slows_the_others() {
    JsonObject settings = Deployment.scenarioSettings().put("ROOM_CAPACITY", 3).put("MAX_MESSAGE_BYTES", 65536)
        .put("RATE_LIMIT_PER_SEC", 100000).put("RATE_LIMIT_BURST", 100000);
    try (SingleNode node = new SingleNode(settings);
         TestPeer alice = TestPeer.join(node.clients(), node.port(0), "/room/slow");
         TestPeer stalled = TestPeer.join(node.clients(), node.port(0), "/room/slow");
         TestPeer carol = TestPeer.join(node.clients(), node.port(0), "/room/slow")) {
      alice.next("peer-joined");
      alice.next("peer-joined");
      stalled.next("peer-joined");
      stalled.pause();
      String blob = "z".repeat(60_000);
      for (int i = 0; i < 400 && !alice.hasPending(); i++) alice.signal("candidate", stalled.id(), blob);
      assertNextIsMarker(carol, alice);
      assertEquals(stalled.id(), alice.next("peer-left").getString("id"), "dropped, then gone after its grace");
      String metrics = Http.get(node.clients(), node.port(0), "/metrics").body();
      assertTrue(metrics.contains("parley_errors_total{code=\"slow-reader\"} 1.0"), "counted once");
    }
  }

  private static void assertNextIsMarker(TestPeer from, TestPeer to) {
    from.signal("candidate", to.id(), "marker");
    assertEquals("marker", to.next("candidate").getString("data"));
  }
}
