package parley.roster;

import io.vertx.core.Future;
import io.vertx.core.shareddata.Shareable;
import parley.protocol.RoomName;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The roster of a node that is not clustered, shared by every verticle instance of one Vert.x.
 * Each change runs in the map's compute for its room, so readers never see a half-made change.
 */
public final class LocalRoster implements Roster, Shareable {
  private final ConcurrentHashMap<RoomName, RosterEntry> rooms = new ConcurrentHashMap<>();

  @Override
  public String node() {
    return "local";
  }

  @Override
  public Future<Transition> change(RoomName room, RosterOp op) {
    Transition[] result = new Transition[1];
    rooms.compute(room, (name, current) -> {
      result[0] = op.apply(RosterEntry.orEmpty(current));
      return result[0].after().empty() ? null : result[0].after();
    });
    return Future.succeededFuture(result[0]);
  }

  @Override
  public Future<RosterEntry> entry(RoomName room) {
    return Future.succeededFuture(rooms.getOrDefault(room, RosterEntry.EMPTY));
  }

  @Override
  public Future<Map<RoomName, RosterEntry>> rooms() {
    return Future.succeededFuture(Map.copyOf(rooms));
  }

  /** A node alone never loses another. */
  @Override
  public Future<Map<RoomName, Transition>> adopt(String lostNode) {
    return Future.succeededFuture(Map.of());
  }
}
