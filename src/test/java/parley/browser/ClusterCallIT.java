package parley.browser;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.Http;
import parley.support.JarCluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two Chromium pages on different nodes of a three-node cluster behind nginx; one node is killed mid-call. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClusterCallIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void when_a_node_is_killed_mid_call_the_video_keeps_flowing_and_the_page_resumes_on_another_node() {
    Map<String, String> settings = Map.of("ICE_SERVERS", "[]", "RESUME_GRACE_MS", "15000");
    try (JarCluster cluster = new JarCluster(3, settings); Browser browser = new Browser()) {
      String url = "http://127.0.0.1:" + cluster.port() + "/cluster-call?join=1";
      Person alice = browser.person("alice").open(url);
      int aliceNode = cluster.nodeOf(CallTest.idOf(alice), WAIT);
      Person bob = browser.person("bob").open(url);
      for (int attempt = 1; cluster.nodeOf(CallTest.idOf(bob), WAIT) == aliceNode; attempt++) {
        assertTrue(attempt <= 6, "bob's socket kept landing on alice's node through nginx");
        String sameNode = CallTest.idOf(bob);
        bob.click("hang-up");
        // nginx hands requests to the nodes in turn, and a page load is several requests (the page, its modules,
        // the socket): when their number is a multiple of three, bob's socket lands on the same node every
        // time. A different number of extra requests on each attempt moves the turn on by a different step,
        // so within three attempts the socket goes to another node, whatever a page load costs.
        for (int extra = 0; extra < attempt; extra++) {
          assertEquals(200, Http.get(null, cluster.port(), "/health/ready").status());
        }
        bob.open(url + "&attempt=" + attempt);
        bob.await("a new place", s -> s.get("id") != null && !sameNode.equals(s.get("id")));
      }
      String bobId = CallTest.idOf(bob);
      CallTest.assertSeesVideo(alice, bob);
      CallTest.assertSeesVideo(bob, alice);

      long killed = System.nanoTime();
      cluster.node(cluster.nodeOf(bobId, WAIT)).kill();
      Map<String, Object> back = bob.await("its place resumed on another node", s -> "open".equals(s.get("status"))
          && ((List<?>) s.get("events")).stream().anyMatch(e -> Boolean.TRUE.equals(((Map<?, ?>) e).get("resumed"))));
      System.out.println("measured: browser resumed after its node was killed: " + (System.nanoTime() - killed) / 1_000_000 + " ms");
      assertEquals(bobId, back.get("id"));
      CallTest.assertSeesVideo(alice, bob);
      CallTest.assertSeesVideo(bob, alice);
      List<?> aliceEvents = (List<?>) alice.snapshot().get("events");
      // (a bob that hung up on alice's node, before this one, did leave: only this bob's place must hold)
      assertTrue(aliceEvents.stream().noneMatch(e -> "peer-left".equals(((Map<?, ?>) e).get("type"))
          && bobId.equals(((Map<?, ?>) e).get("id"))), "alice never saw bob leave");
      bob.screenshot("cluster-call-after-kill");
    }
  }
}
