package parley.roster;

import io.vertx.core.Future;
import io.vertx.core.shareddata.Shareable;
import parley.protocol.PeerId;
import parley.protocol.RoomName;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roster of a node that is not clustered, shared by every verticle instance of one Vert.x.
 * Each room's list is immutable and replaced atomically, so readers never see a half-made change.
 */
public final class LocalRoster implements Roster, Shareable {
  private final ConcurrentHashMap<RoomName, List<PeerId>> rooms = new ConcurrentHashMap<>();
  /** The hash of the token each place was last taken with, to tell whether a resume claimed it since. */
  private final ConcurrentHashMap<PeerId, String> tokenHashes = new ConcurrentHashMap<>();

  @Override
  public Future<List<PeerId>> join(RoomName room, PeerId peer, String tokenHash, int capacity) {
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
    tokenHashes.put(peer, tokenHash);
    before.remove(peer);
    return Future.succeededFuture(List.copyOf(before));
  }

  @Override
  public Future<List<PeerId>> leave(RoomName room, PeerId peer) {
    return leaveUnclaimed(room, peer, null);
  }

  @Override
  public Future<List<PeerId>> leaveUnclaimed(RoomName room, PeerId peer, String tokenHash) {
    List<PeerId> remaining = new ArrayList<>();
    rooms.computeIfPresent(room, (name, members) -> {
      if (!members.contains(peer) || (tokenHash != null && !tokenHash.equals(tokenHashes.get(peer)))) return members;
      tokenHashes.remove(peer);
      remaining.addAll(members);
      remaining.remove(peer);
      return remaining.isEmpty() ? null : List.copyOf(remaining);
    });
    return Future.succeededFuture(List.copyOf(remaining));
  }

  /** One node holds every place, and its sessions check tokens themselves; the hash is kept for {@link #leaveUnclaimed}. */
  @Override
  public Future<Boolean> rebind(RoomName room, PeerId peer, String tokenHash) {
    boolean[] listed = {false};
    rooms.computeIfPresent(room, (name, members) -> {
      listed[0] = members.contains(peer);
      if (listed[0]) tokenHashes.put(peer, tokenHash);
      return members;
    });
    return Future.succeededFuture(listed[0]);
  }

  @Override
  public Future<List<PeerId>> members(RoomName room) {
    return Future.succeededFuture(rooms.getOrDefault(room, List.of()));
  }

  /** A node alone never loses another. */
  @Override
  public Future<List<Orphan>> adopt(String lostNode) {
    return Future.succeededFuture(List.of());
  }
}
