package parley;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.vertx.core.http.HttpMethod;
import parley.support.Deployment;
import parley.support.Http;
import parley.support.Metrics;
import parley.support.TestPeer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may enter a room (contract section 4), written once and run against one node and three: peer k
 * of a scenario connects to node k modulo the number of nodes, so hosts, knockers and kicked peers sit
 * on different nodes. A marker from a sender proves nothing else came before it (see ProtocolScenarios).
 */
abstract class AccessScenarios extends Scenarios {

  TestPeer join(String room) {
    return join(room, null);
  }

  TestPeer join(String room, String name) {
    return joinPath(path(room, name));
  }

  TestPeer knock(String room, String name) {
    return track(TestPeer.knock(deployment().clients(), nextPort(), path(room, name)));
  }

  private static String path(String room, String name) {
    return "/room/" + room + (name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
  }

  static void send(TestPeer peer, String type, String key, String value) {
    JsonObject message = new JsonObject().put("type", type);
    if (key != null) message.put(key, value);
    peer.send(message);
  }

  /** The next {@code count} frames, in whatever order they came, by type. */
  static Set<String> nextTypes(TestPeer peer, int count) {
    Set<String> types = new HashSet<>();
    for (int i = 0; i < count; i++) types.add(peer.next().getString("type"));
    return types;
  }

  /** Alice hosts {@code room}, locked (with {@code password} when not null). */
  TestPeer lockedRoomHostedByAlice(String room, String password) {
    TestPeer alice = join(room, "Alice");
    send(alice, "lock", password == null ? null : "password", password);
    assertTrue(alice.next("room").getBoolean("locked"));
    return alice;
  }

  /** The knocker got denied and 4003, and the host heard its knock end. */
  static void assertTurnedAway(TestPeer knocker, TestPeer host) {
    knocker.error("denied");
    assertEquals((short) 4003, knocker.closeStatus());
    assertEquals(knocker.knockId(), host.next("knock-ended").getString("id"));
  }

  /** Alice (host, named Alice) and Bob, unnamed, in {@code room}, which Alice has locked: both heard it. */
  record Pair(TestPeer alice, TestPeer bob) {
  }

  Pair lockedRoomOfAliceAndBob(String room) {
    TestPeer alice = join(room, "Alice");
    TestPeer bob = join(room);
    alice.next("peer-joined");
    send(alice, "lock", null, null);
    alice.next("room");
    bob.next("room");
    return new Pair(alice, bob);
  }

  @Test
  void the_welcome_names_the_peers_the_hosts_and_the_lock_and_the_first_peer_is_host() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room, "Alice");
    assertEquals(new JsonObject().put(alice.id(), "Alice"), alice.welcome().getJsonObject("names"));
    assertEquals(new JsonArray().add(alice.id()), alice.welcome().getJsonArray("hosts"));
    assertEquals(false, alice.welcome().getBoolean("locked"));
    TestPeer bob = join(room);
    assertEquals(new JsonObject().put(alice.id(), "Alice"), bob.welcome().getJsonObject("names"), "bob has no name");
    assertEquals(new JsonArray().add(alice.id()), bob.welcome().getJsonArray("hosts"));
    JsonObject joinedBob = alice.next("peer-joined");
    assertFalse(joinedBob.containsKey("name"), "no name, no key: " + joinedBob.encode());
  }

  @Test
  void a_name_loses_control_characters_is_trimmed_and_travels_as_plain_text() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    join(room, "  <b>Ca\u0007rol</b>\t" + "x".repeat(40));
    String name = alice.next("peer-joined").getString("name");
    assertEquals(("<b>Carol</b>" + "x".repeat(40)).substring(0, 32), name);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"type\":\"lock\"}", "{\"type\":\"lock\",\"password\":\"pw\"}", "{\"type\":\"unlock\"}",
      "{\"type\":\"kick\",\"to\":\"ALICE\"}", "{\"type\":\"admit\",\"to\":\"someone\"}", "{\"type\":\"deny\",\"to\":\"someone\"}"})
  void every_host_action_from_a_peer_that_is_not_host_gets_not_host_and_the_socket_stays_open(String action) {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    bob.sendText(action.replace("ALICE", alice.id()));
    bob.error("not-host");
    ProtocolScenarios.assertNextIsMarker(alice, bob);
    ProtocolScenarios.assertNextIsMarker(bob, alice); // nothing was locked or kicked
  }

  @Test
  void a_host_action_is_checked_for_shape_then_host_then_target() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    send(bob, "lock", "password", "x".repeat(65));
    bob.error("bad-message");
    send(bob, "kick", "to", "nobody");
    bob.error("not-host");
    send(alice, "kick", "to", "nobody");
    alice.error("unknown-peer");
    send(alice, "admit", "to", bob.id());
    alice.error("unknown-peer"); // bob is in, not knocking
    send(alice, "lock", "password", "x".repeat(65));
    alice.error("bad-message");
    ProtocolScenarios.assertNextIsMarker(bob, alice); // the lock is unchanged: no room frame
  }

  @Test
  void lock_and_unlock_tell_every_peer_and_never_the_password() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    send(alice, "lock", "password", "sesame");
    JsonObject locked = bob.next("room");
    assertEquals(new JsonObject().put("type", "room").put("locked", true), locked);
    assertTrue(alice.next("room").getBoolean("locked"));
    send(alice, "lock", null, null); // again: the password goes, the room stays locked
    assertTrue(bob.next("room").getBoolean("locked"));
    assertTrue(alice.next("room").getBoolean("locked"));
    send(alice, "unlock", null, null);
    assertFalse(bob.next("room").getBoolean("locked"));
    assertFalse(alice.next("room").getBoolean("locked"));
    TestPeer dan = join(room);
    assertEquals(false, dan.welcome().getBoolean("locked"), "unlocked: no knock");
  }

  @Test
  void locking_again_replaces_the_password() {
    String room = Deployment.freshRoom();
    TestPeer alice = lockedRoomHostedByAlice(room, "first");
    send(alice, "lock", "password", "second");
    alice.next("room");
    TestPeer dan = knock(room, null);
    alice.next("knock");
    send(dan, "password", "value", "first");
    dan.error("bad-password");
    send(dan, "password", "value", "second");
    assertEquals(dan.knockId(), dan.next("welcome").getString("id"));
  }

  @Test
  void a_host_hears_a_knock_and_the_knocker_joins_when_admitted() {
    String room = Deployment.freshRoom();
    Pair pair = lockedRoomOfAliceAndBob(room);
    TestPeer alice = pair.alice();
    TestPeer bob = pair.bob();
    TestPeer dan = knock(room, "Dan");
    assertEquals(new JsonObject().put("type", "lobby").put("id", dan.knockId()).put("room", room).put("password", false), dan.lobby());
    JsonObject knock = alice.next("knock");
    assertEquals(dan.knockId(), knock.getString("id"));
    assertEquals("Dan", knock.getString("name"));
    send(alice, "admit", "to", dan.knockId());
    JsonObject welcome = dan.next("welcome");
    assertEquals(dan.knockId(), welcome.getString("id"));
    assertEquals(Set.of(alice.id(), bob.id()), Set.copyOf(welcome.getJsonArray("peers").getList()));
    assertEquals(true, welcome.getBoolean("locked"));
    assertEquals(Set.of("peer-joined", "knock-ended"), nextTypes(alice, 2));
    assertEquals(dan.knockId(), bob.next("peer-joined").getString("id"));
    ProtocolScenarios.assertNextIsMarker(dan, bob); // bob, not a host, never heard the knock
  }

  @Test
  void a_denied_knocker_gets_denied_and_4003_and_the_hosts_hear_the_knock_ended() {
    String room = Deployment.freshRoom();
    TestPeer alice = lockedRoomHostedByAlice(room, null);
    TestPeer dan = knock(room, null);
    assertFalse(alice.next("knock").containsKey("name"));
    send(alice, "deny", "to", dan.knockId());
    assertTurnedAway(dan, alice);
  }

  @Test
  void a_knocker_may_only_give_a_password_or_leave() {
    String room = Deployment.freshRoom();
    TestPeer alice = lockedRoomHostedByAlice(room, null);
    TestPeer dan = knock(room, null);
    alice.next("knock");
    dan.signal("offer", alice.id(), new JsonObject());
    dan.error("bad-message");
    send(dan, "lock", null, null);
    dan.error("bad-message");
    dan.send(new JsonObject().put("type", "leave"));
    assertEquals((short) 1000, dan.closeStatus());
    assertEquals(dan.knockId(), alice.next("knock-ended").getString("id"));
  }

  @Test
  void the_right_password_lets_a_knocker_in_and_a_wrong_one_gets_bad_password() {
    String room = Deployment.freshRoom();
    TestPeer alice = lockedRoomHostedByAlice(room, "sesame");
    TestPeer dan = knock(room, null);
    assertEquals(true, dan.lobby().getBoolean("password"));
    alice.next("knock");
    send(dan, "password", "value", "open up");
    dan.error("bad-password");
    send(dan, "password", "value", "sesame");
    assertEquals(dan.knockId(), dan.next("welcome").getString("id"));
    assertEquals(Set.of("peer-joined", "knock-ended"), nextTypes(alice, 2));
  }

  @Test
  void three_wrong_passwords_turn_the_knocker_away() {
    String room = Deployment.freshRoom();
    TestPeer alice = lockedRoomHostedByAlice(room, "sesame");
    TestPeer dan = knock(room, null);
    alice.next("knock");
    for (int i = 0; i < 2; i++) {
      send(dan, "password", "value", "guess " + i);
      dan.error("bad-password");
    }
    send(dan, "password", "value", "guess 2");
    assertTurnedAway(dan, alice);
  }

  @Test
  void a_knocker_nobody_lets_in_is_turned_away_after_the_knock_timeout() {
    String room = Deployment.freshRoom();
    TestPeer alice = lockedRoomHostedByAlice(room, null);
    long knocked = System.nanoTime();
    TestPeer dan = knock(room, null);
    alice.next("knock");
    dan.error("denied");
    assertEquals((short) 4003, dan.closeStatus());
    assertTrue((System.nanoTime() - knocked) / 1_000_000 >= Deployment.KNOCK_TIMEOUT_MS - 100, "not before the timeout");
    assertEquals(dan.knockId(), alice.next("knock-ended").getString("id"));
  }

  @Test
  void unlocking_lets_knockers_in_while_there_is_space_and_turns_the_rest_away() {
    String room = Deployment.freshRoom();
    TestPeer alice = lockedRoomOfAliceAndBob(room).alice();
    TestPeer first = knock(room, null);
    alice.next("knock");
    TestPeer second = knock(room, null);
    alice.next("knock");
    send(alice, "unlock", null, null);
    assertEquals(first.knockId(), first.next("welcome").getString("id"));
    second.error("room-full");
    assertEquals((short) 4001, second.closeStatus());
  }

  @Test
  void at_most_capacity_knockers_wait_and_one_more_gets_room_full() {
    String room = Deployment.freshRoom();
    TestPeer alice = lockedRoomHostedByAlice(room, null);
    for (int i = 0; i < 3; i++) {
      knock(room, null);
      alice.next("knock");
    }
    TestPeer extra = track(TestPeer.open(deployment().clients(), nextPort(), "/room/" + room, null));
    extra.error("room-full");
    assertEquals((short) 4001, extra.closeStatus());
  }

  @Test
  void a_kicked_peer_gets_kicked_and_4003_the_others_peer_left_and_its_token_stops_working() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    TestPeer carol = join(room);
    alice.next("peer-joined");
    alice.next("peer-joined");
    bob.next("peer-joined");
    send(alice, "kick", "to", bob.id());
    bob.error("kicked");
    assertEquals((short) 4003, bob.closeStatus());
    assertEquals(bob.id(), carol.next("peer-left").getString("id"));
    assertEquals(bob.id(), alice.next("peer-left").getString("id"));
    TestPeer again = resume(room, bob.token());
    assertEquals(false, again.welcome().getBoolean("resumed"));
    assertNotEquals(bob.id(), again.id());
  }

  @Test
  void when_the_last_host_leaves_the_peer_present_longest_becomes_host_in_one_change() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    TestPeer carol = join(room);
    alice.next("peer-joined");
    alice.next("peer-joined");
    bob.next("peer-joined");
    alice.send(new JsonObject().put("type", "leave"));
    for (TestPeer peer : List.of(bob, carol)) {
      assertEquals(alice.id(), peer.next("peer-left").getString("id"));
      assertEquals(new JsonArray().add(bob.id()), peer.next("hosts").getJsonArray("ids"));
    }
    ProtocolScenarios.assertNextIsMarker(carol, bob); // one hosts frame, no empty set before it
  }

  @Test
  void a_peer_that_becomes_host_hears_of_whoever_knocks() {
    String room = Deployment.freshRoom();
    Pair pair = lockedRoomOfAliceAndBob(room);
    TestPeer alice = pair.alice();
    TestPeer bob = pair.bob();
    TestPeer dan = knock(room, "Dan");
    alice.next("knock");
    alice.send(new JsonObject().put("type", "leave"));
    assertEquals(alice.id(), bob.next("peer-left").getString("id"));
    assertEquals(new JsonArray().add(bob.id()), bob.next("hosts").getJsonArray("ids"));
    JsonObject knock = bob.next("knock");
    assertEquals(dan.knockId(), knock.getString("id"));
    assertEquals("Dan", knock.getString("name"));
  }

  @Test
  void a_resumed_host_is_still_host_and_hears_again_of_whoever_knocks() {
    String room = Deployment.freshRoom();
    TestPeer alice = lockedRoomHostedByAlice(room, null);
    TestPeer dan = knock(room, null);
    alice.next("knock");
    alice.close(1001);
    TestPeer back = resume(room, alice.token());
    assertEquals(true, back.welcome().getBoolean("resumed"));
    assertEquals(new JsonArray().add(alice.id()), back.welcome().getJsonArray("hosts"));
    assertEquals(true, back.welcome().getBoolean("locked"));
    assertEquals(dan.knockId(), back.next("knock").getString("id"));
  }

  @Test
  void a_resume_into_a_locked_room_is_not_a_knock() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    bob.close(1001);
    send(alice, "lock", null, null);
    alice.next("room");
    TestPeer back = resume(room, bob.token());
    assertEquals(true, back.welcome().getBoolean("resumed"));
    assertEquals(true, back.welcome().getBoolean("locked"));
  }

  private Http.Answer api(int node, HttpMethod method, String path, String token) {
    return Http.request(deployment().clients(), deployment().port(node % deployment().nodes()), method, path,
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "wrong-token", "operator-secret-for-test", "operator-secret-for-tests2"})
  void the_operator_api_needs_the_bearer_token(String token) {
    assertEquals(401, api(0, HttpMethod.GET, "/api/rooms", token.isEmpty() ? null : token).status());
    assertEquals(401, api(1, HttpMethod.DELETE, "/api/rooms/any", token.isEmpty() ? null : token).status());
  }

  @Test
  void the_operator_sees_every_room_and_one_room_from_any_node() {
    String room = Deployment.freshRoom();
    Pair pair = lockedRoomOfAliceAndBob(room);
    TestPeer alice = pair.alice();
    TestPeer bob = pair.bob();
    knock(room, "Dan");
    alice.next("knock");
    for (int node = 0; node < 3; node++) {
      JsonObject listed = new JsonObject(api(node, HttpMethod.GET, "/api/rooms", Deployment.ADMIN_TOKEN).body())
          .getJsonArray("rooms").stream().map(JsonObject.class::cast).filter(r -> r.getString("room").equals(room))
          .findFirst().orElseThrow();
      assertEquals(new JsonObject().put("room", room).put("peers", 2).put("locked", true), listed);
      Http.Answer one = api(node, HttpMethod.GET, "/api/rooms/" + room, Deployment.ADMIN_TOKEN);
      assertEquals(200, one.status());
      assertEquals(new JsonObject().put("room", room).put("locked", true).put("hosts", new JsonArray().add(alice.id()))
          .put("peers", new JsonArray().add(new JsonObject().put("id", alice.id()).put("name", "Alice"))
              .add(new JsonObject().put("id", bob.id()))).put("knocking", 1), new JsonObject(one.body()));
    }
    assertEquals(404, api(0, HttpMethod.GET, "/api/rooms/" + Deployment.freshRoom(), Deployment.ADMIN_TOKEN).status());
  }

  @Test
  void the_operator_removes_a_peer_or_everyone_as_a_host_would() {
    String room = Deployment.freshRoom();
    TestPeer alice = join(room);
    TestPeer bob = join(room);
    alice.next("peer-joined");
    assertEquals(204, api(1, HttpMethod.DELETE, "/api/rooms/" + room + "/peers/" + bob.id(), Deployment.ADMIN_TOKEN).status());
    bob.error("kicked");
    assertEquals((short) 4003, bob.closeStatus());
    assertEquals(bob.id(), alice.next("peer-left").getString("id"));
    assertEquals(404, api(2, HttpMethod.DELETE, "/api/rooms/" + room + "/peers/" + bob.id(), Deployment.ADMIN_TOKEN).status());
    send(alice, "lock", null, null);
    alice.next("room");
    TestPeer dan = knock(room, null);
    alice.next("knock");
    assertEquals(204, api(2, HttpMethod.DELETE, "/api/rooms/" + room, Deployment.ADMIN_TOKEN).status());
    for (TestPeer removed : List.of(alice, dan)) {
      removed.error("kicked");
      assertEquals((short) 4003, removed.closeStatus());
    }
    assertEquals(404, api(0, HttpMethod.GET, "/api/rooms/" + room, Deployment.ADMIN_TOKEN).status());
    assertEquals(404, api(0, HttpMethod.DELETE, "/api/rooms/" + room, Deployment.ADMIN_TOKEN).status());
  }

  @Test
  void door_decisions_are_counted() {
    String room = Deployment.freshRoom();
    double knocks = Metrics.sum(deployment(), "parley_access_total{action=\"knock\"}");
    double admits = Metrics.sum(deployment(), "parley_access_total{action=\"admit\"}");
    TestPeer alice = lockedRoomHostedByAlice(room, null);
    TestPeer dan = knock(room, null);
    alice.next("knock");
    send(alice, "admit", "to", dan.knockId());
    dan.next("welcome");
    assertEquals(knocks + 1, Metrics.awaitSum(deployment(), "parley_access_total{action=\"knock\"}", n -> n >= knocks + 1));
    assertEquals(admits + 1, Metrics.awaitSum(deployment(), "parley_access_total{action=\"admit\"}", n -> n >= admits + 1));
  }
}
