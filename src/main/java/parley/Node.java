package parley;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;
import parley.config.Settings;
import parley.metrics.Meters;
import parley.peer.Occupancy;
import parley.room.LocalRoster;
import parley.room.Roster;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the verticle instances of one Vert.x share: the roster, the meters, the socket counts and readiness.
 * Everything else (sessions, sockets, timers) belongs to one instance's event loop.
 */
public final class Node implements Shareable {
  private static final String KEY = "parley.node";

  private final Roster roster;
  private final Occupancy occupancy;
  private final Meters meters;
  private final AtomicBoolean draining = new AtomicBoolean();

  private Node(Settings settings, MeterRegistry registry) {
    var local = new LocalRoster();
    this.roster = local;
    this.occupancy = new Occupancy(settings.maxPeers(), settings.maxPeersPerIp());
    this.meters = new Meters(registry, occupancy::sockets, local::roomCount);
  }

  /** The node's shared state, made by whichever verticle instance starts first. */
  public static Node of(Vertx vertx, Settings settings, MeterRegistry registry) {
    return (Node) vertx.sharedData().getLocalMap(KEY).computeIfAbsent(KEY, key -> new Node(settings, registry));
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

  /** Marks the node as draining; true only for the first caller. */
  public boolean startDraining() {
    return draining.compareAndSet(false, true);
  }

  public boolean draining() {
    return draining.get();
  }
}
