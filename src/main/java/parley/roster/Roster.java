package parley.roster;

import io.vertx.core.Future;
import parley.protocol.RoomName;

import java.util.Map;

/**
 * Who is in each room and who may enter it: the one source of truth for capacity, hosts, locks, knockers
 * and {@code welcome}. Consulted on join, leave, resume and access changes only, never per relayed message.
 */
public interface Roster {

  /** The id this roster records for the places held on this node. */
  String node();

  /** Runs one change atomically; its transition says what became of the room. */
  Future<Transition> change(RoomName room, RosterOp op);

  /** The room as it is now ({@link RosterEntry#EMPTY} when nobody is there). */
  Future<RosterEntry> entry(RoomName room);

  /** Every room with a member or a knocker. */
  Future<Map<RoomName, RosterEntry>> rooms();

  /** Moves to this node every place that {@code lostNode} held: the rooms it changed, with their transitions. */
  Future<Map<RoomName, Transition>> adopt(String lostNode);
}
