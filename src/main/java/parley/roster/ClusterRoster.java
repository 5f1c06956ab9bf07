package parley.roster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import parley.protocol.PeerId;
import parley.protocol.RoomName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The roster of a cluster: a Hazelcast map from room name to its members, changed by entry processors. */
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
  public Future<List<PeerId>> join(RoomName room, PeerId peer, String tokenHash, int capacity) {
    var member = new RosterEntry.Member(peer.value(), nodeId, tokenHash);
    return onContext(rooms.submitToKey(room.value(), new RosterOps.Join(member, capacity))).compose(others -> others == null
        ? Future.failedFuture(new RoomFullException(room))
        : Future.succeededFuture(others.stream().map(PeerId::new).toList()));
  }

  @Override
  public Future<Boolean> rebind(RoomName room, PeerId peer, String tokenHash) {
    var member = new RosterEntry.Member(peer.value(), nodeId, tokenHash);
    return onContext(rooms.submitToKey(room.value(), new RosterOps.Rebind(member)));
  }

  @Override
  public Future<List<PeerId>> leave(RoomName room, PeerId peer) {
    return leave(room, new RosterOps.Leave(peer.value(), null));
  }

  @Override
  public Future<List<PeerId>> leaveUnclaimed(RoomName room, PeerId peer, String tokenHash) {
    return leave(room, new RosterOps.Leave(peer.value(), tokenHash));
  }

  private Future<List<PeerId>> leave(RoomName room, RosterOps.Leave leave) {
    return onContext(rooms.submitToKey(room.value(), leave)).map(remaining -> remaining.stream().map(PeerId::new).toList());
  }

  @Override
  public Future<List<PeerId>> members(RoomName room) {
    return onContext(rooms.getAsync(room.value()))
        .map(entry -> RosterEntry.orEmpty(entry).peers().stream().map(PeerId::new).toList());
  }

  /** One atomic change per room that had places on the lost node. */
  @Override
  public Future<List<Orphan>> adopt(String lostNode) {
    return vertx.executeBlocking(() -> rooms.executeOnEntries(new RosterOps.Adopt(lostNode, nodeId)), false)
        .map(ClusterRoster::orphans);
  }

  private static List<Orphan> orphans(Map<String, List<RosterEntry.Member>> byRoom) {
    List<Orphan> orphans = new ArrayList<>();
    byRoom.forEach((room, members) -> members.forEach(member ->
        orphans.add(new Orphan(new RoomName(room), new PeerId(member.peer()), member.tokenHash()))));
    return orphans;
  }

  /** Hazelcast completes on its own threads; continue on the caller's event loop. */
  private <T> Future<T> onContext(CompletionStage<T> stage) {
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext());
  }
}
