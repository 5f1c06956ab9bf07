package parley.roster;

import io.vertx.core.Future;
import parley.protocol.PeerId;
import parley.protocol.RoomName;

import java.util.List;

/**
 * Who is in each room: the one source of truth for capacity and for {@code welcome.peers}.
 * Consulted on join, resume and leave only, never per relayed message.
 */
public interface Roster {

  /**
   * Adds the peer, held by this node with its resume token's hash, if the room has space;
   * gives the others already there, or fails with {@link RoomFullException}.
   */
  Future<List<PeerId>> join(RoomName room, PeerId peer, String tokenHash, int capacity);

  /** This node now holds the peer's place (it resumed here), with a new token; false if the peer is gone. */
  Future<Boolean> rebind(RoomName room, PeerId peer, String tokenHash);

  /** Removes the peer; gives the peers still in the room to tell, none if the peer was not there. */
  Future<List<PeerId>> leave(RoomName room, PeerId peer);

  /**
   * Removes the peer only if its place still carries {@code tokenHash}: nobody resumed it since. For a place
   * handed over to a resume that never completed. Gives the peers still in the room, none if nothing was removed.
   */
  Future<List<PeerId>> leaveUnclaimed(RoomName room, PeerId peer, String tokenHash);

  Future<List<PeerId>> members(RoomName room);

  /** Moves to this node every place that {@code lostNode} held, and gives them. */
  Future<List<Orphan>> adopt(String lostNode);

  /** A place whose node was lost, now held by this node for its grace. */
  record Orphan(RoomName room, PeerId peer, String tokenHash) {
  }

  /** The room is full; thrown as a value, so no stack trace. */
  final class RoomFullException extends RuntimeException {
    public RoomFullException(RoomName room) {
      super("room " + room + " is full", null, false, false);
    }
  }
}
