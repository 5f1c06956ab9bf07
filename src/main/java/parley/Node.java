package parley;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import parley.config.Settings;
import parley.metrics.Meters;
import parley.peer.Occupancy;
import parley.room.Places;
import parley.roster.Roster;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What the verticle instances of one Vert.x share: the roster, the meters, the socket and place counts.
 * Everything else (sessions, sockets, timers) belongs to one instance's event loop.
 */
final class Node implements Shareable {
  private static final String KEY = "parley.node";

  final Roster roster;
  final Occupancy occupancy;
  final Places places = new Places();
  final Meters meters;
  private final AtomicBoolean watchingNodeLoss = new AtomicBoolean();

  private Node(Settings settings, Roster roster, MeterRegistry registry) {
    this.roster = roster;
    this.occupancy = new Occupancy(settings.maxPeers(), settings.maxPeersPerIp());
    this.meters = new Meters(registry, occupancy::sockets, places::rooms, places::busConsumers);
  }

  /** The node's shared state, made by whichever verticle instance starts first. */
  static Node of(Vertx vertx, Settings settings, Supplier<Roster> roster, MeterRegistry registry) {
    return (Node) vertx.sharedData().getLocalMap(KEY)
        .computeIfAbsent(KEY, key -> new Node(settings, roster.get(), registry));
  }

  /** True for the one verticle instance that adopts the places of lost nodes. */
  boolean claimNodeLossWatch() {
    return watchingNodeLoss.compareAndSet(false, true);
  }
}
