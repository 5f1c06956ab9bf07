package parley;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.support.Deployment;
import parley.support.Metrics;
import parley.support.RawSocket;
import parley.support.TestPeer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wire protocol's promises, written once and run against one node and against clustered nodes.
 * Peer k of a scenario connects to node k modulo the number of nodes.
 * To show that something did not happen, a scenario sends a marker after it: frames from one sender
 * arrive in order, so the marker coming next proves nothing came before it.
 */
abstract class ProtocolScenarios extends Scenarios {

  /** Joins {@code room} through the next node in turn. */
  TestPeer join(String room) {
    return joinPath("/room/" + room);
  }

  /** {@code from} sends a marker to {@code to}, which must be the very next frame {@code to} sees. */
  static void assertNextIsMarker(TestPeer from, TestPeer to) {
    String marker = "marker-" + System.nanoTime();
    from.signal("candidate", to.id(), new JsonObject().put("marker", marker));
    JsonObject frame = to.next();
    assertEquals("candidate", frame.getString("type"), "expected only the marker, got " + frame.encode());
    assertEquals(marker, frame.getJsonObject("data").getString("marker"));
  }

  @Test
  void the_first_frame_is_a_welcome_with_id_room_peers_ice_servers_and_a_resume_token() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    JsonObject welcome = alice.welcome();
    assertEquals(room, welcome.getString("room"));
    assertFalse(welcome.getString("id").isBlank());
    assertEquals(new JsonArray(), welcome.getJsonArray("peers"));
    assertEquals("stun:stun.l.google.com:19302", welcome.getJsonArray("iceServers").getJsonObject(0).getJsonArray("urls").getString(0));
    assertEquals("all", welcome.getString("iceTransportPolicy"));
    assertTrue(welcome.getString("resume").length() >= 32);
    assertEquals(false, welcome.getBoolean("resumed"));
  }

  @Test
  void a_newcomer_sees_the_peers_already_there_and_they_see_it_join() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    assertEquals(new JsonArray().add(alice.id()), bob.welcome().getJsonArray("peers"));
    assertEquals(bob.id(), alice.next("peer-joined").getString("id"));
    TestPeer carol = join(room);
    assertEquals(List.of(alice.id(), bob.id()), carol.welcome().getJsonArray("peers").getList());
    assertEquals(carol.id(), alice.next("peer-joined").getString("id"));
    assertEquals(carol.id(), bob.next("peer-joined").getString("id"));
  }

  @Test
  void a_targeted_signal_reaches_only_its_target_with_from_set_by_the_server() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    TestPeer carol = join(room);
    alice.next("peer-joined");
    alice.next("peer-joined");
    bob.next("peer-joined");
    JsonObject sdp = new JsonObject().put("type", "offer").put("sdp", "v=0");
    alice.send(new JsonObject().put("type", "offer").put("to", bob.id()).put("from", "forged").put("data", sdp));
    JsonObject offer = bob.next("offer");
    assertEquals(alice.id(), offer.getString("from"));
    assertEquals(sdp, offer.getJsonObject("data"));
    assertNull(offer.getValue("to"));
    assertNextIsMarker(alice, carol);
  }

  @Test
  void a_broadcast_reaches_every_other_peer_and_is_never_echoed() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    TestPeer carol = join(room);
    alice.next("peer-joined");
    alice.next("peer-joined");
    bob.next("peer-joined");
    alice.signal("candidate", null, new JsonObject().put("candidate", "c1"));
    assertEquals(alice.id(), bob.next("candidate").getString("from"));
    assertEquals(alice.id(), carol.next("candidate").getString("from"));
    assertNextIsMarker(bob, alice);
  }

  @Test
  void one_senders_messages_arrive_in_order() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    for (int i = 0; i < 50; i++) alice.signal("candidate", i % 2 == 0 ? bob.id() : null, new JsonObject().put("n", i));
    for (int i = 0; i < 50; i++) assertEquals(i, bob.next("candidate").getJsonObject("data").getInteger("n"));
  }

  @Test
  void nothing_crosses_from_one_room_to_another() {
    String room = Deployment.freshRoom();
    String other = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer dave = join(other);
    TestPeer erin = join(other);
    dave.next("peer-joined");
    alice.signal("offer", null, new JsonObject().put("sdp", "x"));
    assertNextIsMarker(erin, dave);
    assertNextIsMarker(dave, erin);
    assertEquals(List.of(dave.id()), erin.welcome().getJsonArray("peers").getList());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json", "[1,2]", "42", "\"text\"", "{}", "{\"type\":42}", "{\"type\":\"hello\",\"data\":{}}",
      "{\"type\":\"offer\"}", "{\"type\":\"offer\",\"data\":null}", "{\"type\":\"answer\",\"to\":7,\"data\":{}}"})
  void a_malformed_message_gets_bad_message_and_the_socket_stays_open(String frame) {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    alice.sendText(frame);
    alice.error("bad-message");
    assertNextIsMarker(alice, bob);
  }

  @Test
  void a_binary_frame_gets_bad_message_and_the_socket_stays_open() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    alice.sendBinary(new byte[] {1, 2, 3});
    alice.error("bad-message");
    assertNextIsMarker(alice, bob);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nobody", "bad id!", ""})
  void a_signal_to_a_peer_not_in_the_room_gets_unknown_peer(String target) {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    alice.signal("offer", target, new JsonObject());
    alice.error("unknown-peer");
    assertNextIsMarker(alice, bob);
  }

  @Test
  void a_signal_to_a_peer_of_another_room_gets_unknown_peer() {
    TestPeer alice = join(Deployment.freshRoom());
    TestPeer stranger = join(Deployment.freshRoom());
    alice.signal("offer", stranger.id(), new JsonObject());
    alice.error("unknown-peer");
  }

  @Test
  void a_full_room_refuses_the_next_peer_with_room_full_and_4001_and_the_others_see_nothing() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    TestPeer carol = join(room);
    alice.next("peer-joined");
    alice.next("peer-joined");
    TestPeer dan = track(TestPeer.open(deployment().clients(), nextPort(), "/room/" + room, null));
    dan.error("room-full");
    assertEquals((short) 4001, dan.closeStatus());
    assertNextIsMarker(bob, alice);
    assertNextIsMarker(carol, alice);
  }

  @Test
  void a_message_over_the_size_limit_gets_too_large_then_1009_and_the_peer_has_left() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    bob.signal("candidate", alice.id(), new JsonObject().put("blob", "x".repeat(5000)));
    bob.error("too-large");
    assertEquals((short) 1009, bob.closeStatus());
    assertEquals(bob.id(), alice.next("peer-left").getString("id"));
  }

  @Test
  void a_frame_far_over_the_limit_also_gets_too_large_then_1009() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    alice.signal("candidate", null, "y".repeat(3 * 4096));
    alice.error("too-large");
    assertEquals((short) 1009, alice.closeStatus());
  }

  @Test
  void a_frame_of_a_mebibyte_ends_with_1009_and_the_others_get_peer_left_at_once() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    bob.signal("candidate", alice.id(), "z".repeat(1 << 20));
    assertEquals((short) 1009, bob.closeStatus());
    assertEquals(bob.id(), alice.next("peer-left").getString("id"));
  }

  @Test
  void every_relayed_signal_is_timed_in_the_latency_histogram() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    double before = Metrics.sum(deployment(), LATENCY_COUNT);
    for (int i = 0; i < 5; i++) bob.signal("candidate", alice.id(), new JsonObject().put("n", i));
    for (int i = 0; i < 5; i++) assertEquals(i, alice.next("candidate").getJsonObject("data").getInteger("n"));
    double timed = Metrics.awaitSum(deployment(), LATENCY_COUNT, total -> total - before >= 5) - before;
    assertEquals(5.0, timed, "one latency sample per relayed signal");
  }

  private static final String LATENCY_COUNT = "parley_relay_latency_seconds_count";


  @Test
  void over_the_rate_limit_messages_are_dropped_with_one_rate_limited_error() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    for (int i = 0; i < 130; i++) alice.signal("candidate", bob.id(), new JsonObject().put("n", i));
    alice.error("rate-limited");
    assertNextIsMarker(bob, alice); // one error, not one per dropped message
    alice.close(1000); // the close is read after every frame before it
    List<Integer> received = new ArrayList<>();
    for (JsonObject frame = bob.next(); !frame.getString("type").equals("peer-left"); frame = bob.next()) {
      received.add(frame.getJsonObject("data").getInteger("n"));
    }
    assertTrue(received.size() >= 100 && received.size() < 110, "the burst of 100 passes, the rest is dropped: " + received.size());
    assertEquals(java.util.stream.IntStream.range(0, 100).boxed().toList(), received.subList(0, 100));
  }

  @Test
  void leave_closes_with_1000_and_the_others_get_peer_left_at_once() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    bob.send(new JsonObject().put("type", "leave"));
    assertEquals((short) 1000, bob.closeStatus());
    assertEquals(bob.id(), alice.next("peer-left").getString("id"));
  }

  @Test
  void a_client_close_with_1000_is_a_departure() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    bob.close(1000);
    assertEquals(bob.id(), alice.next("peer-left").getString("id"));
    TestPeer carol = join(room);
    assertEquals(List.of(alice.id()), carol.welcome().getJsonArray("peers").getList());
  }

  @Test
  void a_client_close_with_no_status_is_a_departure() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    try (RawSocket raw = RawSocket.open(deployment().clients(), nextPort(), "/room/" + room)) {
      String rawId = alice.next("peer-joined").getString("id");
      raw.closeWithoutStatus();
      assertEquals(rawId, alice.next("peer-left").getString("id"));
    }
  }

  @Test
  void an_abnormal_loss_keeps_the_peer_for_the_grace_then_the_others_get_peer_left() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    long lost = System.nanoTime();
    bob.close(1001);
    TestPeer carol = join(room);
    assertTrue(carol.welcome().getJsonArray("peers").getList().contains(bob.id()), "a peer in its grace is still listed");
    assertEquals(carol.id(), alice.next("peer-joined").getString("id"));
    assertEquals(bob.id(), alice.next("peer-left").getString("id"));
    long waitedMs = (System.nanoTime() - lost) / 1_000_000;
    assertTrue(waitedMs >= Deployment.GRACE_MS - 100, "peer-left only after the grace, came after " + waitedMs + " ms");
  }

  @Test
  void a_vanished_connection_keeps_the_peer_for_the_grace() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    try (RawSocket raw = RawSocket.open(deployment().clients(), nextPort(), "/room/" + room)) {
      String rawId = alice.next("peer-joined").getString("id");
      long lost = System.nanoTime();
      raw.vanish();
      assertEquals(rawId, alice.next("peer-left").getString("id"));
      assertTrue((System.nanoTime() - lost) / 1_000_000 >= Deployment.GRACE_MS - 100, "peer-left only after the grace");
    }
  }

  @Test
  void a_peer_that_never_answers_pings_is_dropped_after_the_idle_timeout_then_its_grace() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    long start = System.nanoTime(); // the server's last read from the silent peer is after this
    try (RawSocket silent = RawSocket.open(deployment().clients(), nextPort(), "/room/" + room)) {
      String silentId = alice.next("peer-joined").getString("id");
      silent.awaitClosedByServer();
      long droppedMs = (System.nanoTime() - start) / 1_000_000;
      assertTrue(droppedMs >= 900, "not before the 1000 ms idle timeout: " + droppedMs);
      assertEquals(silentId, alice.next("peer-left").getString("id"));
    }
  }

  @Test
  void a_peer_that_answers_pings_stays_past_the_idle_timeout() throws Exception {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    // wait out three idle timeouts on a timer, then prove both sockets still relay
    parley.support.Await.result(deployment().clients().timer(3000));
    assertFalse(alice.isClosed() || bob.isClosed());
    assertNextIsMarker(alice, bob);
    assertNextIsMarker(bob, alice);
  }

  @Test
  void resuming_within_the_grace_keeps_the_id_delivers_queued_messages_in_order_and_the_others_see_nothing() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    bob.close(1001);
    for (int i = 0; i < 5; i++) alice.signal("candidate", bob.id(), new JsonObject().put("n", i));
    alice.signal("offer", null, new JsonObject().put("n", 5));
    TestPeer back = resume(room, bob.token());
    assertEquals(bob.id(), back.id());
    assertEquals(true, back.welcome().getBoolean("resumed"));
    assertEquals(List.of(alice.id()), back.welcome().getJsonArray("peers").getList());
    assertNotEquals(bob.token(), back.token());
    for (int i = 0; i < 6; i++) assertEquals(i, back.next().getJsonObject("data").getInteger("n"));
    assertNextIsMarker(back, alice);
  }

  @Test
  void a_resumed_peer_is_not_reported_left_when_its_old_grace_would_have_ended() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    bob.close(1001);
    TestPeer back = resume(room, bob.token());
    parley.support.Await.result(deployment().clients().timer(Deployment.GRACE_MS + 500)); // past the old grace
    assertNextIsMarker(back, alice);
  }

  @Test
  void the_queue_of_a_vanished_peer_keeps_the_newest_64_messages() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    bob.close(1001);
    List<JsonObject> signals = new ArrayList<>();
    for (int i = 0; i < 70; i++) signals.add(new JsonObject().put("type", "candidate").put("to", bob.id()).put("data", new JsonObject().put("n", i)));
    alice.sendAll(signals); // at once: the whole scenario must fit in the grace
    TestPeer carol = join(room);
    alice.next("peer-joined"); // across nodes, alice may only address carol once she has heard of her
    assertNextIsMarker(alice, carol); // all 70 were relayed before the marker
    TestPeer back = resume(room, bob.token());
    for (int i = 6; i < 70; i++) assertEquals(i, back.next("candidate").getJsonObject("data").getInteger("n"));
    assertNextIsMarker(alice, back);
  }

  @Test
  void resuming_while_the_old_socket_is_open_closes_it_with_4002() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    TestPeer back = resume(room, bob.token());
    assertEquals(bob.id(), back.id());
    assertEquals((short) 4002, bob.closeStatus());
    assertNextIsMarker(back, alice);
    assertNextIsMarker(alice, back);
  }

  @Test
  void a_used_token_stops_working_and_gives_an_ordinary_welcome() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    bob.close(1001);
    TestPeer back = resume(room, bob.token());
    TestPeer replay = resume(room, bob.token());
    assertNotEquals(bob.id(), replay.id());
    assertEquals(false, replay.welcome().getBoolean("resumed"));
    assertFalse(back.isClosed() && back.closeStatus() == 4002, "the stale token did not displace the resumed peer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "nobody.secret", ""})
  void a_forged_token_gives_an_ordinary_welcome(String token) {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer mallory = resume(room, token);
    assertEquals(false, mallory.welcome().getBoolean("resumed"));
    assertNotEquals(alice.id(), mallory.id());
  }

  @Test
  void a_token_with_a_guessed_secret_or_for_another_room_gives_an_ordinary_welcome() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    String guessed = bob.id() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    TestPeer mallory = resume(room, guessed);
    assertNotEquals(bob.id(), mallory.id());
    TestPeer elsewhere = resume(Deployment.freshRoom(), bob.token());
    assertNotEquals(bob.id(), elsewhere.id());
    assertFalse(bob.isClosed(), "the real peer keeps its socket");
  }
}
