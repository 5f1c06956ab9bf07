package parley.room;

import io.vertx.core.shareddata.Shareable;
import parley.protocol.RoomName;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The places held on this node (attached to a socket or within their grace), in all and per room,
 * and the event-bus consumers they hold; shared by the node's verticle instances.
 */
public final class Places implements Shareable {
  private final ConcurrentHashMap<RoomName, Integer> byRoom = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final AtomicInteger busConsumers = new AtomicInteger();

  void opened(RoomName room) {
    total.incrementAndGet();
    byRoom.merge(room, 1, Integer::sum);
  }

  void closed(RoomName room) {
    total.decrementAndGet();
    byRoom.computeIfPresent(room, (name, count) -> count <= 1 ? null : count - 1);
  }

  /** A consumer was registered (+1) or unregistered (-1). */
  void busConsumers(int change) {
    busConsumers.addAndGet(change);
  }

  /** Places held here: a draining cluster node waits for them to move. */
  public int count() {
    return total.get();
  }

  /** Rooms with at least one place on this node. */
  public int rooms() {
    return byRoom.size();
  }

  /** One per place, two for a while after a resume; zero on an empty node (a leak shows here). */
  public int busConsumers() {
    return busConsumers.get();
  }
}
