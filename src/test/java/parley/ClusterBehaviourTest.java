package parley;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.Await;
import parley.support.ClusterNodes;
import parley.support.Deployment;
import parley.support.Http;
import parley.support.TestPeer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only a cluster can get wrong: concurrent joins on different nodes, and a node going away. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClusterBehaviourTest {

  @Test
  void many_peers_joining_one_room_on_different_nodes_at_once_never_exceed_its_capacity() throws Exception {
    try (ClusterNodes nodes = new ClusterNodes(3, Deployment.scenarioSettings())) {
      String room = Deployment.freshRoom();
      ExecutorService pool = Executors.newFixedThreadPool(9);
      List<CompletableFuture<TestPeer>> opening = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        int node = i % 3;
        opening.add(CompletableFuture.supplyAsync(() -> TestPeer.open(nodes.clients(), nodes.port(node), "/room/" + room, null), pool));
      }
      List<TestPeer> peers = new ArrayList<>();
      for (var future : opening) peers.add(future.get());
      List<TestPeer> welcomed = new ArrayList<>();
      for (TestPeer peer : peers) {
        JsonObject first = peer.next();
        if (first.getString("type").equals("welcome")) {
          welcomed.add(peer);
        } else {
          assertEquals("room-full", first.getString("code"));
          assertEquals((short) 4001, peer.closeStatus());
        }
      }
      assertEquals(3, welcomed.size(), "exactly the capacity got in");
      Set<Object> ids = new HashSet<>();
      for (TestPeer peer : welcomed) ids.add(peer.id());
      for (TestPeer peer : welcomed) {
        Set<Object> seen = new HashSet<>(peer.welcome().getJsonArray("peers").getList());
        // each peer learns of the others from its welcome or from peer-joined
        while (seen.size() < 2) seen.add(peer.next("peer-joined").getString("id"));
        seen.add(peer.id());
        assertEquals(ids, seen);
      }
      peers.forEach(TestPeer::close);
      pool.shutdown();
    }
  }

  @Test
  void a_draining_node_moves_its_peers_to_the_others_without_anyone_seeing_them_leave() {
    try (ClusterNodes nodes = new ClusterNodes(2, Deployment.scenarioSettings().put("DRAIN_TIMEOUT_MS", 5000))) {
      String room = Deployment.freshRoom();
      TestPeer alice = TestPeer.join(nodes.clients(), nodes.port(0), "/room/" + room);
      TestPeer bob = TestPeer.join(nodes.clients(), nodes.port(1), "/room/" + room);
      alice.next("peer-joined");
      Future<Void> stopped = nodes.server(1).close();
      assertEquals((short) 1012, bob.closeStatus());
      alice.signal("offer", bob.id(), new JsonObject().put("queued", true));
      assertEquals(503, Http.get(nodes.clients(), nodes.port(1), "/health/ready").status());
      TestPeer back = TestPeer.join(nodes.clients(), nodes.port(0), room, bob.token());
      assertEquals(bob.id(), back.id());
      assertEquals(true, back.welcome().getBoolean("resumed"));
      assertEquals(true, back.next("offer").getJsonObject("data").getBoolean("queued"));
      Await.result(stopped); // the node exits as soon as its places moved
      back.signal("candidate", alice.id(), "marker");
      assertEquals("marker", alice.next("candidate").getString("data"), "alice saw no peer-left");
    }
  }

  @Test
  void the_places_left_on_a_node_that_went_away_are_adopted_then_reported_left_after_the_grace() {
    try (ClusterNodes nodes = new ClusterNodes(2, Deployment.scenarioSettings().put("DRAIN_TIMEOUT_MS", 500))) {
      String room = Deployment.freshRoom();
      TestPeer alice = TestPeer.join(nodes.clients(), nodes.port(0), "/room/" + room);
      TestPeer bob = TestPeer.join(nodes.clients(), nodes.port(1), "/room/" + room);
      alice.next("peer-joined");
      long start = System.nanoTime();
      Await.result(nodes.server(1).close()); // bob never comes back
      TestPeer carol = TestPeer.join(nodes.clients(), nodes.port(0), "/room/" + room);
      assertTrue(carol.welcome().getJsonArray("peers").getList().contains(bob.id()), "bob keeps his place for the grace");
      alice.next("peer-joined");
      assertEquals(bob.id(), alice.next("peer-left").getString("id"));
      assertTrue((System.nanoTime() - start) / 1_000_000 >= Deployment.GRACE_MS, "not before the grace");
      TestPeer dave = TestPeer.join(nodes.clients(), nodes.port(0), "/room/" + room);
      assertEquals(Set.of(alice.id(), carol.id()), new HashSet<>(dave.welcome().getJsonArray("peers").getList()), "no ghost");
    }
  }
}
