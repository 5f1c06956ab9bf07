package parley;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.Await;
import parley.support.Deployment;
import parley.support.JarCluster;
import parley.support.TestPeer;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three parley.jar processes clustered on loopback behind Debian's nginx: peers on different nodes, nodes dying. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ClusterJarIT {
  private static final Map<String, String> SETTINGS = Map.of("RESUME_GRACE_MS", "4000", "DRAIN_TIMEOUT_MS", "5000");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Vertx clients;

  @BeforeAll
  static void start() {
    clients = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.result(clients.close());
  }

  /** Two peers of a fresh room, on different nodes. */
  record Call(String room, TestPeer alice, TestPeer bob) {
  }

  private static Call callAcrossNodes(JarCluster cluster) {
    String room = Deployment.freshRoom();
    TestPeer[] pair = twoPeersOnDifferentNodes(cluster, room);
    return new Call(room, pair[0], pair[1]);
  }

  /** Joins until two peers sit on different nodes (nginx balances round robin, so it takes one or two tries). */
  private static TestPeer[] twoPeersOnDifferentNodes(JarCluster cluster, String room) {
    TestPeer alice = TestPeer.join(clients, cluster.port(), "/room/" + room);
    int aliceNode = cluster.nodeOf(alice.id(), WAIT);
    for (int attempt = 0; attempt < 6; attempt++) {
      TestPeer bob = TestPeer.join(clients, cluster.port(), "/room/" + room);
      alice.next("peer-joined");
      if (cluster.nodeOf(bob.id(), WAIT) != aliceNode) return new TestPeer[] {alice, bob};
      bob.send(new JsonObject().put("type", "leave"));
      alice.next("peer-left");
    }
    throw new AssertionError("nginx never put two peers on different nodes");
  }

  @Test
  void through_nginx_peers_on_different_nodes_relay_to_each_other() {
    try (JarCluster cluster = new JarCluster(3, SETTINGS)) {
      System.out.println("measured: three clustered nodes serving, from process start: " + cluster.startedInMillis() + " ms");
      Call call = callAcrossNodes(cluster);
      String room = call.room();
      TestPeer alice = call.alice();
      TestPeer bob = call.bob();
      for (int i = 0; i < 20; i++) alice.signal(i % 2 == 0 ? "candidate" : "offer", i % 3 == 0 ? null : bob.id(), new JsonObject().put("n", i));
      for (int i = 0; i < 20; i++) assertEquals(i, bob.next().getJsonObject("data").getInteger("n"));
      bob.signal("answer", alice.id(), new JsonObject().put("sdp", "v=0"));
      assertEquals(bob.id(), alice.next("answer").getString("from"));
    }
  }

  @Test
  void a_peer_whose_node_is_killed_resumes_on_another_and_the_other_peer_sees_nothing() {
    try (JarCluster cluster = new JarCluster(3, SETTINGS)) {
      Call call = callAcrossNodes(cluster);
      String room = call.room();
      TestPeer alice = call.alice();
      TestPeer bob = call.bob();
      int bobNode = cluster.nodeOf(bob.id(), WAIT);
      int aliceNode = cluster.nodeOf(alice.id(), WAIT);
      long killed = System.nanoTime();
      cluster.node(bobNode).kill();
      assertNotEquals((short) 1000, bob.closeStatus() == null ? 0 : bob.closeStatus(), "an abrupt loss, not a departure");
      cluster.node(aliceNode).awaitLine("Node left the cluster", WAIT);
      System.out.println("measured: kill -9 to a survivor knowing: " + (System.nanoTime() - killed) / 1_000_000 + " ms");
      int adopter = findAdopter(cluster, bobNode);
      cluster.node(adopter).awaitLine("Adopted 1 places", WAIT);
      alice.signal("offer", bob.id(), new JsonObject().put("while", "away"));
      TestPeer back = TestPeer.join(clients, cluster.port(), room, bob.token());
      System.out.println("measured: kill -9 to the peer resumed on another node: " + (System.nanoTime() - killed) / 1_000_000 + " ms");
      assertEquals(bob.id(), back.id());
      assertEquals(true, back.welcome().getBoolean("resumed"));
      assertEquals("away", back.next("offer").getJsonObject("data").getString("while"), "the queued offer is delivered");
      back.signal("candidate", alice.id(), "marker");
      assertEquals("marker", alice.next("candidate").getString("data"), "alice saw no peer-left");
    }
  }

  @Test
  void a_peer_whose_node_is_killed_and_never_returns_is_reported_left_after_the_grace() {
    try (JarCluster cluster = new JarCluster(3, SETTINGS)) {
      Call call = callAcrossNodes(cluster);
      String room = call.room();
      TestPeer alice = call.alice();
      TestPeer bob = call.bob();
      long killed = System.nanoTime();
      cluster.node(cluster.nodeOf(bob.id(), WAIT)).kill();
      assertEquals(bob.id(), alice.next("peer-left").getString("id"));
      long tookMs = (System.nanoTime() - killed) / 1_000_000;
      System.out.println("measured: kill -9 to peer-left with a 4000 ms grace: " + tookMs + " ms");
      assertTrue(tookMs >= 4000 && tookMs < 4000 + 5000, "detection (< 5 s) plus the grace: " + tookMs);
      TestPeer carol = TestPeer.join(clients, cluster.port(), "/room/" + room);
      assertEquals(java.util.List.of(alice.id()), carol.welcome().getJsonArray("peers").getList(), "no ghost");
    }
  }

  @Test
  void the_peers_of_a_hung_node_are_reported_left_within_ten_seconds_plus_the_grace() throws Exception {
    try (JarCluster cluster = new JarCluster(3, SETTINGS)) {
      Call call = callAcrossNodes(cluster);
      String room = call.room();
      TestPeer alice = call.alice();
      TestPeer bob = call.bob();
      long hung = System.nanoTime();
      cluster.node(cluster.nodeOf(bob.id(), WAIT)).signal("STOP");
      // detection (within 10 s) plus the grace plus slack: the bound asserted below, not the usual wait
      Duration bound = Duration.ofMillis(10_000 + 4000 + 2000);
      assertEquals(bob.id(), alice.next("peer-left", bound).getString("id"));
      long tookMs = (System.nanoTime() - hung) / 1_000_000;
      System.out.println("measured: SIGSTOP to peer-left with a 4000 ms grace: " + tookMs + " ms");
      assertTrue(tookMs < bound.toMillis(), "a hung node is detected within 10 s: " + tookMs);
      TestPeer carol = TestPeer.join(clients, cluster.port(), "/room/" + room);
      assertEquals(java.util.List.of(alice.id()), carol.welcome().getJsonArray("peers").getList(), "no ghost");
    }
  }

  @Test
  void sigterm_on_a_node_moves_its_peers_to_the_others_without_any_peer_left() {
    try (JarCluster cluster = new JarCluster(3, SETTINGS)) {
      Call call = callAcrossNodes(cluster);
      String room = call.room();
      TestPeer alice = call.alice();
      TestPeer bob = call.bob();
      int bobNode = cluster.nodeOf(bob.id(), WAIT);
      cluster.node(bobNode).terminate();
      assertEquals((short) 1012, bob.closeStatus());
      TestPeer back = TestPeer.join(clients, cluster.port(), room, bob.token());
      assertEquals(bob.id(), back.id());
      assertEquals(true, back.welcome().getBoolean("resumed"));
      assertNotEquals(bobNode, cluster.nodeResuming(back.id(), WAIT));
      cluster.node(bobNode).awaitExit(Duration.ofSeconds(10));
      back.signal("candidate", alice.id(), "marker");
      assertEquals("marker", alice.next("candidate").getString("data"), "alice saw no peer-left");
    }
  }

  @Test
  void when_the_hosts_node_is_killed_while_someone_knocks_the_lock_holds_and_the_next_host_hears_the_knock() {
    try (JarCluster cluster = new JarCluster(3, SETTINGS)) {
      Call call = callAcrossNodes(cluster);
      TestPeer alice = call.alice(); // the host: first in the room
      TestPeer bob = call.bob();
      int aliceNode = cluster.nodeOf(alice.id(), WAIT);
      alice.send(new JsonObject().put("type", "lock"));
      assertTrue(bob.next("room").getBoolean("locked"));
      alice.next("room");
      TestPeer carol = knockOffNode(cluster, call.room(), alice, aliceNode);
      long killed = System.nanoTime();
      cluster.node(aliceNode).kill();
      assertEquals(alice.id(), bob.next("peer-left").getString("id"));
      assertEquals(new io.vertx.core.json.JsonArray().add(bob.id()), bob.next("hosts").getJsonArray("ids"));
      assertEquals(carol.knockId(), bob.next("knock").getString("id"), "the new host hears the knock");
      System.out.println("measured: kill -9 of the host's node to the next host hearing the knock: "
          + (System.nanoTime() - killed) / 1_000_000 + " ms");
      bob.send(new JsonObject().put("type", "admit").put("to", carol.knockId()));
      JsonObject welcome = carol.next("welcome");
      assertEquals(true, welcome.getBoolean("locked"), "the lock survived the host's node");
      assertEquals(java.util.List.of(bob.id()), welcome.getJsonArray("peers").getList());
    }
  }

  /** Knocks at the locked room until the knocker goes through another node than {@code avoid}. */
  private static TestPeer knockOffNode(JarCluster cluster, String room, TestPeer host, int avoid) {
    for (int attempt = 0; attempt < 6; attempt++) {
      TestPeer knocker = TestPeer.knock(clients, cluster.port(), "/room/" + room);
      assertEquals(knocker.knockId(), host.next("knock").getString("id"));
      if (cluster.nodeKnocking(knocker.knockId(), WAIT) != avoid) return knocker;
      knocker.send(new JsonObject().put("type", "leave"));
      assertEquals(knocker.knockId(), host.next("knock-ended").getString("id"));
    }
    throw new AssertionError("nginx never put the knocker on another node");
  }

  private static int findAdopter(JarCluster cluster, int dead) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < 3; i++) {
        if (i != dead && cluster.node(i).printed("adopting=true")) return i;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no survivor adopted the lost node's places");
  }
}
