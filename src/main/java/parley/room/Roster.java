package parley.room;

import io.vertx.core.Future;

import java.util.List;

/**
 * Who is in each room: the one source of truth for capacity and for {@code welcome.peers}.
 * Consulted on join, resume and leave only, never per relayed message.
 */
public interface Roster {

  /** Adds the peer if the room has space, giving the others already there; fails with {@link RoomFullException}. */
  Future<List<PeerId>> join(RoomName room, PeerId peer, int capacity);

  /** Removes the peer; true if it was there. */
  Future<Boolean> leave(RoomName room, PeerId peer);

  Future<List<PeerId>> members(RoomName room);

  /** The room is full; thrown as a value, so no stack trace. */
  final class RoomFullException extends RuntimeException {
    public RoomFullException(RoomName room) {
      super("room " + room + " is full", null, false, false);
    }
  }
}
