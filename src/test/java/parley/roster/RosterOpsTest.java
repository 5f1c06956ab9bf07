package parley.roster;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.protocol.RoomName;
import parley.roster.RosterEntry.Member;
import parley.roster.Transition.Verdict;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The roster's changes, as both rosters run them: on a node's map, and as Hazelcast entry processors. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RosterOpsTest {
  private static final int CAPACITY = 3;
  private final RoomName room = new RoomName("r");
  private final LocalRoster roster = new LocalRoster();

  private Transition run(RosterOp op) {
    return roster.change(room, op).result();
  }

  private Transition join(String peer) {
    return run(new RosterOps.Join(new Member(peer, "n1", "hash-" + peer, null), false, CAPACITY, false));
  }

  private RosterEntry room() {
    return roster.entry(room).result();
  }

  @Test
  void the_first_peer_of_an_open_room_is_its_host_and_the_room_holds_its_capacity() {
    assertEquals(Verdict.DONE, join("a").verdict());
    join("b");
    join("c");
    assertEquals(Verdict.FULL, join("d").verdict());
    assertEquals(List.of("a", "b", "c"), room().peers());
    assertEquals(List.of("a"), room().hosts());
  }

  @Test
  void a_change_run_again_by_hazelcast_reports_the_same_change() {
    join("a");
    Transition again = join("a");
    assertEquals(Verdict.DONE, again.verdict());
    assertEquals(List.of(), again.before().peers(), "as if it were the first run: the others are told");
    assertEquals(List.of("a"), again.after().peers());
    run(new RosterOps.Lock("a", null, null));
    join("k");
    Transition knockAgain = join("k");
    assertEquals(Verdict.KNOCKING, knockAgain.verdict());
    assertEquals(1, knockAgain.after().knockers().size(), "one knocker, not two");
  }

  @Test
  void when_the_last_host_departs_the_peer_present_longest_becomes_host() {
    join("a");
    join("b");
    join("c");
    run(new RosterOps.Leave("a", null, CAPACITY, false));
    assertEquals(List.of("b"), room().hosts());
  }

  @Test
  void with_join_tokens_hosts_are_exactly_the_token_hosts() {
    run(new RosterOps.Join(new Member("a", "n1", "h", null), false, CAPACITY, true));
    run(new RosterOps.Join(new Member("b", "n1", "h", null), true, CAPACITY, true));
    assertEquals(List.of("b"), room().hosts());
    run(new RosterOps.Leave("b", null, CAPACITY, true));
    assertEquals(List.of(), room().hosts(), "no hand-over");
  }

  @Test
  void a_place_handed_over_but_never_resumed_leaves_only_while_it_carries_the_old_token() {
    join("a");
    join("b");
    run(new RosterOps.Rebind("b", "n2", "hash-b2"));
    assertEquals(Verdict.UNKNOWN, run(new RosterOps.Leave("b", "hash-b", CAPACITY, false)).verdict(), "resumed since: kept");
    assertEquals(List.of("a", "b"), room().peers());
    assertEquals(Verdict.DONE, run(new RosterOps.Leave("b", "hash-b2", CAPACITY, false)).verdict());
    assertEquals(List.of("a"), room().peers());
  }

  @Test
  void only_a_host_locks_and_a_newcomer_at_a_locked_room_knocks() {
    join("a");
    join("b");
    assertEquals(Verdict.NOT_HOST, run(new RosterOps.Lock("b", null, null)).verdict());
    assertEquals(Verdict.DONE, run(new RosterOps.Lock("a", null, null)).verdict());
    assertEquals(Verdict.KNOCKING, join("k").verdict());
    assertEquals(List.of("a", "b"), room().peers());
    assertEquals("k", room().knockers().get(0).peer());
  }

  @Test
  void a_locked_room_keeps_at_most_capacity_knockers() {
    join("a");
    run(new RosterOps.Lock("a", null, null));
    for (int i = 0; i < CAPACITY; i++) assertEquals(Verdict.KNOCKING, join("k" + i).verdict());
    assertEquals(Verdict.FULL, join("k9").verdict());
  }

  @Test
  void an_admitted_knocker_becomes_a_member_while_there_is_space() {
    join("a");
    run(new RosterOps.Lock("a", null, null));
    join("k");
    assertEquals(Verdict.NOT_HOST, run(new RosterOps.Admit("k", "k", CAPACITY, false)).verdict());
    assertEquals(Verdict.UNKNOWN, run(new RosterOps.Admit("a", "nobody", CAPACITY, false)).verdict());
    assertEquals(Verdict.DONE, run(new RosterOps.Admit("a", "k", CAPACITY, false)).verdict());
    assertEquals(List.of("a", "k"), room().peers());
    assertTrue(room().knockers().isEmpty());
  }

  @Test
  void the_right_password_lets_a_knocker_in_and_only_a_salted_hash_is_kept() {
    join("a");
    String salt = Password.salt();
    run(new RosterOps.Lock("a", salt, Password.hash(salt, "sesame")));
    join("k");
    assertFalse(room().passwordHash().contains("sesame"));
    assertEquals(Verdict.BAD_PASSWORD, run(new RosterOps.Knock("k", "open", CAPACITY, false)).verdict());
    assertEquals(Verdict.DONE, run(new RosterOps.Knock("k", "sesame", CAPACITY, false)).verdict());
    assertEquals(List.of("a", "k"), room().peers());
  }

  @Test
  void a_lock_without_a_password_opens_to_no_guess() {
    join("a");
    run(new RosterOps.Lock("a", null, null));
    join("k");
    assertEquals(Verdict.BAD_PASSWORD, run(new RosterOps.Knock("k", "", CAPACITY, false)).verdict());
  }

  @Test
  void a_room_left_empty_drops_its_lock_and_lets_its_knockers_in() {
    join("a");
    run(new RosterOps.Lock("a", null, null));
    join("k");
    run(new RosterOps.Leave("a", null, CAPACITY, false));
    assertEquals(List.of("k"), room().peers());
    assertEquals(List.of("k"), room().hosts());
    assertFalse(room().locked());
  }

  @Test
  void a_kicked_peer_is_gone_and_an_unknown_one_is_refused() {
    join("a");
    join("b");
    assertEquals(Verdict.NOT_HOST, run(new RosterOps.Kick("b", "a", CAPACITY, false)).verdict());
    assertEquals(Verdict.UNKNOWN, run(new RosterOps.Kick("a", "zz", CAPACITY, false)).verdict());
    assertEquals(Verdict.DONE, run(new RosterOps.Kick(null, "b", CAPACITY, false)).verdict(), "the operator may");
    assertEquals(List.of("a"), room().peers());
  }

  @Test
  void as_an_entry_processor_a_change_writes_the_entry_and_an_emptied_room_is_deleted() {
    Map.Entry<String, RosterEntry> entry = new AbstractMap.SimpleEntry<>("r", null);
    new RosterOps.Join(new Member("a", "n1", "h", "Ann"), false, CAPACITY, false).process(entry);
    assertEquals("Ann", entry.getValue().member("a").orElseThrow().name());
    new RosterOps.Leave("a", null, CAPACITY, false).process(entry);
    assertNull(entry.getValue());
  }

  @Test
  void a_lost_nodes_places_move_to_the_adopter_and_its_knockers_go() {
    join("a");
    run(new RosterOps.Lock("a", null, null));
    run(new RosterOps.Join(new Member("k", "n2", "h", null), false, CAPACITY, false));
    Map.Entry<String, RosterEntry> entry = new AbstractMap.SimpleEntry<>("r", room());
    Transition change = new RosterOps.Adopt("n1", "n3").process(entry);
    assertTrue(change.done());
    assertEquals("n3", entry.getValue().member("a").orElseThrow().node());
    assertEquals(1, entry.getValue().knockers().size(), "a knocker of another node still waits");
    new RosterOps.Adopt("n2", "n3").process(entry);
    assertTrue(entry.getValue().knockers().isEmpty());
  }
}
