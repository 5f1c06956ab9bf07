package parley;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.support.Deployment;
import parley.support.Metrics;
import parley.support.SingleNode;
import parley.support.TestPeer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random orders of join, leave, close, vanish, resume and relay over a few rooms, checked against a
 * model of who should be where: no ghost, no duplicate, nothing across rooms, nothing left behind.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SessionChurnPropertyTest {
  private static final int STEPS = 120;
  private static final int CAPACITY = 4;
  private static final List<String> ROOMS = List.of("churn-a", "churn-b", "churn-c");

  /** A person's place as the model sees it; {@code socket} null while it has vanished. */
  private static final class Place {
    final String room;
    final String id;
    TestPeer socket;
    String token;

    Place(String room, TestPeer socket) {
      this.room = room;
      this.id = socket.id();
      this.socket = socket;
      this.token = socket.token();
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13})
  void any_order_of_events_leaves_every_room_consistent(long seed) {
    // a long grace: a vanished peer keeps its place for the whole run unless it resumes
    JsonObject settings = Deployment.scenarioSettings().put("ROOM_CAPACITY", CAPACITY).put("RESUME_GRACE_MS", 600_000)
        .put("IDLE_TIMEOUT_MS", 600_000).put("RATE_LIMIT_BURST", 1000);
    Random random = new Random(seed);
    List<TestPeer> sockets = new ArrayList<>();
    try (SingleNode node = new SingleNode(settings)) {
      String baseline = handlers(node);
      Map<String, List<Place>> rooms = new HashMap<>();
      ROOMS.forEach(room -> rooms.put(room, new ArrayList<>()));
      for (int step = 0; step < STEPS; step++) {
        String room = ROOMS.get(random.nextInt(ROOMS.size()));
        List<Place> places = rooms.get(room);
        Place place = places.isEmpty() ? null : places.get(random.nextInt(places.size()));
        int op = random.nextInt(6);
        String what = "seed " + seed + " step " + step + " op " + op + " in " + room;
        if (op == 0 || place == null) {
          TestPeer socket = TestPeer.open(node.clients(), node.port(0), "/room/" + room, null);
          sockets.add(socket);
          JsonObject first = socket.next();
          if (places.size() >= CAPACITY) {
            assertEquals("room-full", first.getString("code"), what);
          } else {
            assertEquals("welcome", first.getString("type"), what);
            assertEquals(ids(places), new HashSet<>(first.getJsonArray("peers").getList()), what + ": welcome lists the model's peers");
            places.add(new Place(room, socket));
          }
        } else if (op == 1 && place.socket != null) {
          place.socket.send(new JsonObject().put("type", "leave"));
          assertEquals((short) 1000, place.socket.closeStatus(), what);
          places.remove(place);
        } else if (op == 2 && place.socket != null) {
          place.socket.close(1000);
          places.remove(place);
        } else if (op == 3 && place.socket != null) {
          place.socket.close(1001); // vanished: keeps its place
          place.socket = null;
        } else if (op == 4) {
          TestPeer back = TestPeer.join(node.clients(), node.port(0), room, place.token);
          sockets.add(back);
          assertEquals(place.id, back.id(), what + ": the token resumes its place");
          assertEquals(true, back.welcome().getBoolean("resumed"), what);
          Set<Object> others = ids(places);
          others.remove(place.id);
          assertEquals(others, new HashSet<>(back.welcome().getJsonArray("peers").getList()), what);
          if (place.socket != null) assertEquals((short) 4002, place.socket.closeStatus(), what);
          place.socket = back;
          place.token = back.token();
        } else if (place.socket != null) {
          place.socket.signal("candidate", null, new JsonObject().put("room", room).put("from", place.id));
        }
      }
      for (String room : ROOMS) {
        while (rooms.get(room).size() >= CAPACITY) sockets.add(leave(node, rooms.get(room).remove(0)));
        TestPeer probe = TestPeer.join(node.clients(), node.port(0), "/room/" + room);
        sockets.add(probe);
        assertEquals(ids(rooms.get(room)), new HashSet<>(probe.welcome().getJsonArray("peers").getList()), "seed " + seed + ": no ghost, none missing in " + room);
        probe.send(new JsonObject().put("type", "leave"));
        probe.closeStatus();
      }
      // every frame any socket got came from its own room
      for (TestPeer socket : sockets) socket.drain().forEach(frame -> {
        JsonObject data = frame.getValue("data") instanceof JsonObject d ? d : null;
        if (data != null && data.containsKey("room")) assertEquals(socket.room(), data.getString("room"), "leaked across rooms: " + frame);
      });
      // everyone leaves: nothing may stay behind
      for (List<Place> places : rooms.values()) {
        for (Place place : places) sockets.add(leave(node, place));
      }
      // a handed-over place forwards late arrivals for a few seconds before it lets go of its address
      String metrics = awaitMetrics(node, text -> text.contains("parley_rooms 0.0") && text.contains("parley_peers 0.0")
          && text.contains(baseline));
      assertTrue(metrics.contains("parley_rooms 0.0"), "no room left behind");
      assertEquals(baseline, handlers(node), "event-bus consumers back to where they started");
    } finally {
      sockets.forEach(TestPeer::close);
    }
  }

  /** The place's peer leaves for good, resuming first if it had vanished. */
  private static TestPeer leave(SingleNode node, Place place) {
    TestPeer socket = place.socket != null ? place.socket : TestPeer.join(node.clients(), node.port(0), place.room, place.token);
    socket.send(new JsonObject().put("type", "leave"));
    assertEquals((short) 1000, socket.closeStatus());
    return socket;
  }

  private static Set<Object> ids(List<Place> places) {
    Set<Object> ids = new LinkedHashSet<>();
    places.forEach(p -> ids.add(p.id));
    return ids;
  }

  /** The parley_bus_consumers gauge line: how many consumers are registered. */
  private static String handlers(SingleNode node) {
    return awaitMetrics(node, text -> true).lines().filter(l -> l.startsWith("parley_bus_consumers"))
        .findFirst().orElse("parley_bus_consumers 0.0");
  }

  /** Scrapes /metrics until the condition holds (the last sockets close asynchronously). */
  private static String awaitMetrics(SingleNode node, java.util.function.Predicate<String> condition) {
    return Metrics.await(node.clients(), node.port(0), condition);
  }

}
