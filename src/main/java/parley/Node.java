package parley;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import parley.config.Settings;
import parley.metrics.Meters;
import parley.peer.Occupancy;
import parley.room.Roster;
import parley.room.RoomName;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What the verticle instances of one Vert.x share: the roster, the meters, the socket and session
 * counts, and readiness. Everything else (sessions, sockets, timers) belongs to one instance's event loop.
 */
public final class Node implements Shareable {
  private static final String KEY = "parley.node";

  private final Roster roster;
  private final Occupancy occupancy;
  private final Meters meters;
  private final ConcurrentHashMap<RoomName, Integer> sessionsByRoom = new ConcurrentHashMap<>();
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicInteger busConsumers = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean watchingNodeLoss = new AtomicBoolean();

  private Node(Settings settings, Roster roster, MeterRegistry registry) {
    this.roster = roster;
    this.occupancy = new Occupancy(settings.maxPeers(), settings.maxPeersPerIp());
    this.meters = new Meters(registry, occupancy::sockets, sessionsByRoom::size, busConsumers::get);
  }

  /** The node's shared state, made by whichever verticle instance starts first. */
  public static Node of(Vertx vertx, Settings settings, Supplier<Roster> roster, MeterRegistry registry) {
    return (Node) vertx.sharedData().getLocalMap(KEY)
        .computeIfAbsent(KEY, key -> new Node(settings, roster.get(), registry));
  }

  public Roster roster() {
    return roster;
  }

  public Occupancy occupancy() {
    return occupancy;
  }

  public Meters meters() {
    return meters;
  }

  /** A peer's place is now held on this node (attached to a socket or within its grace). */
  public void sessionOpened(RoomName room) {
    sessions.incrementAndGet();
    sessionsByRoom.merge(room, 1, Integer::sum);
  }

  public void sessionClosed(RoomName room) {
    sessions.decrementAndGet();
    sessionsByRoom.computeIfPresent(room, (name, count) -> count <= 1 ? null : count - 1);
  }

  /** Event-bus consumers held by sessions: registered (+1) or unregistered (-1). */
  public void busConsumers(int change) {
    busConsumers.addAndGet(change);
  }

  /** Places held on this node: a draining cluster node waits for them to move. */
  public int sessions() {
    return sessions.get();
  }

  /** True for the one verticle instance that adopts the places of lost nodes. */
  public boolean claimNodeLossWatch() {
    return watchingNodeLoss.compareAndSet(false, true);
  }

  /** Marks the node as draining; true only for the first caller. */
  public boolean startDraining() {
    return draining.compareAndSet(false, true);
  }

  public boolean draining() {
    return draining.get();
  }
}
