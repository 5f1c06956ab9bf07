package parley.roster;

import com.hazelcast.map.EntryProcessor;

import java.util.List;
import java.util.Map;

/**
 * The roster's changes, each run atomically by Hazelcast on the member that owns the room's entry:
 * one round trip per join, leave or resume, and no lock.
 */
final class RosterOps {
  private RosterOps() {
  }

  /** Adds the member if there is space; returns the others (in join order), or null when the room is full. */
  record Join(RosterEntry.Member member, int capacity) implements EntryProcessor<String, RosterEntry, List<String>> {
    @Override
    public List<String> process(Map.Entry<String, RosterEntry> entry) {
      RosterEntry room = RosterEntry.orEmpty(entry.getValue());
      List<String> others = room.without(member.peer()).peers();
      if (!room.contains(member.peer()) && room.members().size() >= capacity) return null;
      entry.setValue(room.with(member));
      return others;
    }
  }

  /**
   * Removes the peer (only if its place still carries {@code tokenHash}, when that is given); returns the
   * peers still there, none if it was not removed. An empty room's entry is deleted.
   */
  record Leave(String peer, String tokenHash) implements EntryProcessor<String, RosterEntry, List<String>> {
    @Override
    public List<String> process(Map.Entry<String, RosterEntry> entry) {
      RosterEntry room = RosterEntry.orEmpty(entry.getValue());
      if (!room.contains(peer) || (tokenHash != null && !room.holds(peer, tokenHash))) return List.of();
      RosterEntry rest = room.without(peer);
      entry.setValue(rest.members().isEmpty() ? null : rest);
      return rest.peers();
    }
  }

  /** The peer's place is now held by another node, with a new token; false if the peer is gone. */
  record Rebind(RosterEntry.Member member) implements EntryProcessor<String, RosterEntry, Boolean> {
    @Override
    public Boolean process(Map.Entry<String, RosterEntry> entry) {
      RosterEntry room = RosterEntry.orEmpty(entry.getValue());
      if (!room.contains(member.peer())) return false;
      entry.setValue(room.with(member));
      return true;
    }
  }

  /** Moves every member held by a lost node to the adopting node; returns the moved members. */
  record Adopt(String lostNode, String adopter) implements EntryProcessor<String, RosterEntry, List<RosterEntry.Member>> {
    @Override
    public List<RosterEntry.Member> process(Map.Entry<String, RosterEntry> entry) {
      RosterEntry room = RosterEntry.orEmpty(entry.getValue());
      List<RosterEntry.Member> lost = room.members().stream().filter(m -> m.node().equals(lostNode)).toList();
      if (lost.isEmpty()) return List.of();
      RosterEntry moved = room;
      for (RosterEntry.Member m : lost) moved = moved.with(new RosterEntry.Member(m.peer(), adopter, m.tokenHash()));
      entry.setValue(moved);
      return lost;
    }
  }
}
