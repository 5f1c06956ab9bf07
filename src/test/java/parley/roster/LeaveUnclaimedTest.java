package parley.roster;

import org.junit.jupiter.api.Test;
import parley.protocol.PeerId;
import parley.protocol.RoomName;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A place handed over to a resume that never completed is removed; a place resumed since is not. */
class LeaveUnclaimedTest {
  private final RoomName room = RoomName.parse("r").orElseThrow();
  private final PeerId a = PeerId.random();
  private final PeerId b = PeerId.random();

  @Test
  void the_local_roster_removes_a_place_only_while_it_carries_the_old_token() {
    var roster = new LocalRoster();
    roster.join(room, a, "hash-a", 4);
    roster.join(room, b, "hash-b1", 4);
    roster.rebind(room, b, "hash-b2");

    assertEquals(List.of(), roster.leaveUnclaimed(room, b, "hash-b1").result(), "resumed since: kept");
    assertEquals(List.of(a, b), roster.members(room).result());
    assertEquals(List.of(a), roster.leaveUnclaimed(room, b, "hash-b2").result(), "never resumed: removed");
    assertEquals(List.of(a), roster.members(room).result());
  }

  @Test
  void the_cluster_roster_entry_processor_does_the_same() {
    assertEquals(List.of(), RosterTestAccess.leaveUnclaimed(List.of("a:hash-a", "b:hash-b2"), "b", "hash-b1"));
    assertEquals(List.of("a"), RosterTestAccess.leaveUnclaimed(List.of("a:hash-a", "b:hash-b2"), "b", "hash-b2"));
  }
}
