package parley.soak;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import parley.support.TestPeer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One room of the soak, driven by one worker at a time: each action checks its own outcome exactly,
 * so a lost, duplicated or misdelivered message fails the soak where it happens.
 */
final class SoakRoom {
  private final Vertx clients;
  private final String name;
  private final IntSupplier port;
  private final List<TestPeer> peers = new ArrayList<>();
  private long sequence;
  int relayed;
  int resumed;
  int departures;

  SoakRoom(Vertx clients, String name, IntSupplier port, int size) {
    this.clients = clients;
    this.name = name;
    this.port = port;
    for (int i = 0; i < size; i++) join();
  }

  private TestPeer join() {
    TestPeer peer = TestPeer.join(clients, port.getAsInt(), "/room/" + name);
    assertEquals(peers.size(), peer.welcome().getJsonArray("peers").size(), name + ": welcome lists everyone");
    for (TestPeer other : peers) assertEquals(peer.id(), other.next("peer-joined").getString("id"), name);
    peers.add(peer);
    return peer;
  }

  /** One random action and the check of its outcome; a failure names the room's peers and how their sockets closed. */
  void act(Random random, long graceMs) {
    try {
      actOnce(random, graceMs);
    } catch (AssertionError | RuntimeException e) {
      StringBuilder state = new StringBuilder(name + ":");
      for (TestPeer peer : peers) state.append(' ').append(peer.id()).append(peer.isClosed() ? "(closed " + peer.closeStatus() + ")" : "(open)");
      throw new AssertionError(state + ": " + e.getMessage(), e);
    }
  }

  private void actOnce(Random random, long graceMs) {
    int a = random.nextInt(peers.size());
    int b = (a + 1 + random.nextInt(peers.size() - 1)) % peers.size();
    switch (random.nextInt(10)) {
      case 0, 1, 2, 3 -> relay(peers.get(a), peers.get(b));
      case 4, 5 -> leaveAndReplace(a, random.nextBoolean());
      case 6, 7, 8 -> vanishAndResume(a, peers.get(b));
      default -> vanishForGood(a, graceMs);
    }
  }

  private JsonObject message(TestPeer to) {
    return new JsonObject().put("room", name).put("to", to == null ? "*" : to.id()).put("seq", ++sequence);
  }

  /** Three targeted signals and a broadcast: each arrives once, in order, and only where it should. */
  private void relay(TestPeer from, TestPeer to) {
    List<JsonObject> sent = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonObject data = message(to);
      sent.add(data);
      from.signal("candidate", to.id(), data);
    }
    JsonObject everyone = message(null);
    from.signal("offer", null, everyone);
    for (JsonObject data : sent) expectSignal(to, from, data);
    for (TestPeer other : peers) {
      if (other != from) expectSignal(other, from, everyone);
    }
    relayed += 3 + peers.size() - 1;
  }

  private void expectSignal(TestPeer receiver, TestPeer from, JsonObject data) {
    JsonObject frame = receiver.next();
    assertEquals(from.id(), frame.getString("from"), name + ": from " + frame.encode());
    assertEquals(data, frame.getJsonObject("data"), name + ": lost, duplicated or misdelivered");
  }

  private void leaveAndReplace(int index, boolean withLeaveMessage) {
    TestPeer leaving = peers.remove(index);
    if (withLeaveMessage) leaving.send(new JsonObject().put("type", "leave"));
    else leaving.close(1000);
    for (TestPeer other : peers) assertEquals(leaving.id(), other.next("peer-left").getString("id"), name);
    expectHandOver(index);
    leaving.close();
    departures++;
    join();
  }

  /** Gone without a word, then back with the token: same id, the signals sent meanwhile, nobody told. */
  private void vanishAndResume(int index, TestPeer sender) {
    TestPeer lost = peers.get(index);
    lost.close(1001);
    List<JsonObject> sent = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      JsonObject data = message(lost);
      sent.add(data);
      sender.signal("answer", lost.id(), data);
    }
    TestPeer back = TestPeer.join(clients, port.getAsInt(), name, lost.token());
    assertEquals(lost.id(), back.id(), name + ": resumed its place");
    assertTrue(back.welcome().getBoolean("resumed"), name);
    for (JsonObject data : sent) expectSignal(back, sender, data);
    peers.set(index, back);
    lost.close();
    resumed++;
  }

  /** Gone without a word for good: the others hear peer-left once the grace ends. */
  private void vanishForGood(int index, long graceMs) {
    TestPeer lost = peers.remove(index);
    long start = System.nanoTime();
    lost.close(1001);
    for (TestPeer other : peers) assertEquals(lost.id(), other.next("peer-left").getString("id"), name);
    assertTrue((System.nanoTime() - start) / 1_000_000 >= graceMs - 100, name + ": not before the grace");
    expectHandOver(index);
    lost.close();
    departures++;
    join();
  }

  /**
   * The host is the peer present longest, first in this list (a resume keeps its place); when it departs,
   * the next one present longest becomes host, and everyone hears it right after peer-left.
   */
  private void expectHandOver(int departedIndex) {
    if (departedIndex != 0 || peers.isEmpty()) return;
    for (TestPeer other : peers) {
      assertEquals(List.of(peers.get(0).id()), other.next("hosts").getJsonArray("ids").getList(), name + ": the new host");
    }
  }

  void leaveAll() {
    for (TestPeer peer : peers) {
      peer.send(new JsonObject().put("type", "leave"));
      peer.closeStatus();
      peer.close();
    }
    peers.clear();
  }
}
