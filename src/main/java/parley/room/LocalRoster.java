package parley.room;

import io.vertx.core.Future;
import io.vertx.core.shareddata.Shareable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roster of a node that is not clustered, shared by every verticle instance of one Vert.x.
 * Each room's list is immutable and replaced atomically, so readers never see a half-made change.
 */
public final class LocalRoster implements Roster, Shareable {
  private final ConcurrentHashMap<RoomName, List<PeerId>> rooms = new ConcurrentHashMap<>();

  @Override
  public Future<List<PeerId>> join(RoomName room, PeerId peer, int capacity) {
    List<PeerId> before = new ArrayList<>();
    boolean[] full = {false};
    rooms.compute(room, (name, members) -> {
      List<PeerId> current = members == null ? List.of() : members;
      before.addAll(current);
      if (current.contains(peer)) return current;
      if (current.size() >= capacity) {
        full[0] = true;
        return members;
      }
      List<PeerId> next = new ArrayList<>(current);
      next.add(peer);
      return List.copyOf(next);
    });
    if (full[0]) return Future.failedFuture(new RoomFullException(room));
    before.remove(peer);
    return Future.succeededFuture(List.copyOf(before));
  }

  @Override
  public Future<Boolean> leave(RoomName room, PeerId peer) {
    boolean[] removed = {false};
    rooms.computeIfPresent(room, (name, members) -> {
      if (!members.contains(peer)) return members;
      removed[0] = true;
      List<PeerId> next = new ArrayList<>(members);
      next.remove(peer);
      return next.isEmpty() ? null : List.copyOf(next);
    });
    return Future.succeededFuture(removed[0]);
  }

  @Override
  public Future<List<PeerId>> members(RoomName room) {
    return Future.succeededFuture(rooms.getOrDefault(room, List.of()));
  }

  /** Rooms with at least one peer. */
  public int roomCount() {
    return rooms.size();
  }
}
