package parley.room;

import parley.cluster.BusEvent;
import parley.protocol.PeerId;
import parley.protocol.RoomName;
import parley.protocol.ServerMessage;
import parley.roster.RosterEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a place writes to its socket: its welcome, from the room as the roster has it, and what it is told of the door. */
final class Frames {
  private Frames() {
  }

  /** The others in join order, the names of everyone who has one (this peer too), the hosts and the lock. */
  static ServerMessage.Welcome welcome(PeerId id, RoomName room, RosterEntry entry, Rooms rooms, String token, boolean resumed) {
    List<PeerId> others = entry.peers().stream().filter(p -> !p.equals(id.value())).map(PeerId::new).toList();
    Map<PeerId, String> names = new LinkedHashMap<>();
    entry.members().stream().filter(m -> m.name() != null).forEach(m -> names.put(new PeerId(m.peer()), m.name()));
    List<PeerId> hosts = entry.hosts().stream().map(PeerId::new).toList();
    return new ServerMessage.Welcome(id, room, others, names, hosts, entry.locked(), rooms.iceServers(id),
        rooms.settings().iceTransportPolicy(), token, resumed);
  }

  /** What a resumed host is told again, since knocks are not queued while it is away: whoever knocks now. */
  static List<ServerMessage.Knock> knocks(RosterEntry entry, PeerId self) {
    if (!entry.isHost(self.value())) return List.of();
    return entry.knockers().stream().map(k -> new ServerMessage.Knock(new PeerId(k.peer()), k.name())).toList();
  }

  /** True for a knock event about a knocker the host was just told of. */
  static boolean among(List<ServerMessage.Knock> told, BusEvent event) {
    return event instanceof BusEvent.Knock knock && told.stream().anyMatch(k -> k.id().equals(knock.peer()));
  }

  /** The frame for a change of the room's door. */
  static ServerMessage of(BusEvent.Door event) {
    if (event instanceof BusEvent.Hosts h) return new ServerMessage.Hosts(h.ids());
    if (event instanceof BusEvent.RoomLocked r) return new ServerMessage.RoomLocked(r.locked());
    if (event instanceof BusEvent.Knock k) return new ServerMessage.Knock(k.peer(), k.name());
    if (event instanceof BusEvent.KnockEnded k) return new ServerMessage.KnockEnded(k.peer());
    return null;
  }
}
