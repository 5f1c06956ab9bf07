package parley.roster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import parley.protocol.RoomName;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The roster of a cluster: a Hazelcast map from room name to its entry, changed by entry processors. */
public final class ClusterRoster implements Roster {
  static final String MAP = "parley.rooms";

  private final Vertx vertx;
  private final IMap<String, RosterEntry> rooms;
  private final String nodeId;

  public ClusterRoster(Vertx vertx, HazelcastInstance hazelcast, String nodeId) {
    this.vertx = vertx;
    this.rooms = hazelcast.getMap(MAP);
    this.nodeId = nodeId;
  }

  @Override
  public String node() {
    return nodeId;
  }

  @Override
  public Future<Transition> change(RoomName room, RosterOp op) {
    return onContext(rooms.submitToKey(room.value(), op));
  }

  @Override
  public Future<RosterEntry> entry(RoomName room) {
    return onContext(rooms.getAsync(room.value())).map(RosterEntry::orEmpty);
  }

  /** For the operator: a scan of the whole map, off the event loop. */
  @Override
  public Future<Map<RoomName, RosterEntry>> rooms() {
    return vertx.executeBlocking(() -> {
      Map<RoomName, RosterEntry> all = new HashMap<>();
      rooms.forEach((room, entry) -> all.put(new RoomName(room), entry));
      return all;
    }, false);
  }

  /** One atomic change per room that had places on the lost node. */
  @Override
  public Future<Map<RoomName, Transition>> adopt(String lostNode) {
    return vertx.executeBlocking(() -> {
      Map<RoomName, Transition> changed = new HashMap<>();
      rooms.executeOnEntries(new RosterOps.Adopt(lostNode, nodeId)).forEach((room, change) -> {
        if (change.done()) changed.put(new RoomName(room), change);
      });
      return changed;
    }, false);
  }

  /** Hazelcast completes on its own threads; continue on the caller's event loop. */
  private <T> Future<T> onContext(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }
}
