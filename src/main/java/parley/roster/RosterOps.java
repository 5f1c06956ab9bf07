package parley.roster;

import parley.roster.RosterEntry.Knocker;
import parley.roster.RosterEntry.Member;
import parley.roster.Transition.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * Every change the roster knows. {@code tokens}: hosts come from join tokens only, so an open room's
 * hand-over to the member present longest does not happen.
 */
public final class RosterOps {
  private RosterOps() {
  }

  /**
   * A newcomer: a member if there is space; at a locked room (unless it is a host by its token), a knocker
   * if fewer than {@code capacity} already knock. The first peer of an open room is its host.
   */
  public record Join(Member member, boolean host, int capacity, boolean tokens) implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      // Hazelcast may run a change again when the key's owner died under it: the retry reports the same change
      if (room.member(member.peer()).isPresent()) {
        return new Transition(Verdict.DONE, room.withMembers(without(room.members(), member.peer())), room);
      }
      if (room.knocker(member.peer()).isPresent()) {
        return new Transition(Verdict.KNOCKING, room.withoutKnockers(k -> k.peer().equals(member.peer())), room);
      }
      if (room.locked() && !host) {
        if (room.knockers().size() >= capacity) return Transition.refused(Verdict.FULL, room);
        Knocker knocker = new Knocker(member.peer(), member.node(), member.tokenHash(), member.name());
        return new Transition(Verdict.KNOCKING, room, room.withKnocker(knocker));
      }
      if (room.members().size() >= capacity) return Transition.refused(Verdict.FULL, room);
      RosterEntry next = room.with(member);
      if (host || (!tokens && room.members().isEmpty())) next = next.withHost(member.peer());
      return new Transition(Verdict.DONE, room, next);
    }
  }

  /** The peer's place is now held by {@code node} with a new token (it resumed there). */
  public record Rebind(String peer, String node, String tokenHash) implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      return room.member(peer)
          .map(m -> new Transition(Verdict.DONE, room, room.with(new Member(peer, node, tokenHash, m.name()))))
          .orElseGet(() -> Transition.refused(Verdict.UNKNOWN, room));
    }
  }

  /**
   * The peer departs; with {@code tokenHash}, only if its place still carries it (nobody resumed it since).
   * A room left empty drops its lock and lets its knockers in.
   */
  public record Leave(String peer, String tokenHash, int capacity, boolean tokens) implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      var member = room.member(peer);
      if (member.isEmpty() || (tokenHash != null && !member.get().tokenHash().equals(tokenHash))) {
        return Transition.refused(Verdict.UNKNOWN, room);
      }
      return new Transition(Verdict.DONE, room, departed(room, peer, capacity, tokens));
    }
  }

  /** A host removes a member ({@code host} null: the operator does). */
  public record Kick(String host, String peer, int capacity, boolean tokens) implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      if (host != null && !room.isHost(host)) return Transition.refused(Verdict.NOT_HOST, room);
      if (room.member(peer).isEmpty()) return Transition.refused(Verdict.UNKNOWN, room);
      return new Transition(Verdict.DONE, room, departed(room, peer, capacity, tokens));
    }
  }

  /** A host locks the room, with a salted hash of its password or none; locking again replaces it. */
  public record Lock(String host, String salt, String passwordHash) implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      if (!room.isHost(host)) return Transition.refused(Verdict.NOT_HOST, room);
      return new Transition(Verdict.DONE, room, room.locked(salt, passwordHash));
    }
  }

  /** A host unlocks the room: whoever knocks comes in while there is space; the rest are turned away (no space). */
  public record Unlock(String host, int capacity, boolean tokens) implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      if (!room.isHost(host)) return Transition.refused(Verdict.NOT_HOST, room);
      return new Transition(Verdict.DONE, room, letKnockersIn(room.unlocked(), capacity, tokens).withoutKnockers(k -> true));
    }
  }

  /** A host lets a knocker in ({@code FULL}: no space, and the knocker is turned away). */
  public record Admit(String host, String knocker, int capacity, boolean tokens) implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      if (!room.isHost(host)) return Transition.refused(Verdict.NOT_HOST, room);
      return admit(room, knocker, capacity, tokens);
    }
  }

  /** A host turns a knocker away. */
  public record Deny(String host, String knocker) implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      if (!room.isHost(host)) return Transition.refused(Verdict.NOT_HOST, room);
      return goAway(room, knocker);
    }
  }

  /** A knocker gives the lock's password: right, it comes in; wrong (or the lock has none), it still waits. */
  public record Knock(String knocker, String password, int capacity, boolean tokens) implements RosterOp {
    @Override
    public String toString() {
      return "Knock[" + knocker + "]"; // never the password, in any log
    }

    @Override
    public Transition apply(RosterEntry room) {
      if (room.knocker(knocker).isEmpty()) return Transition.refused(Verdict.UNKNOWN, room);
      if (!Password.opens(room, password)) return Transition.refused(Verdict.BAD_PASSWORD, room);
      return admit(room, knocker, capacity, tokens);
    }
  }

  /** A knocker stops waiting: it gave up, timed out or was turned away by its own socket. */
  public record StopKnocking(String knocker) implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      return goAway(room, knocker);
    }
  }

  /** The operator empties the room: every member and knocker goes. */
  public record Clear() implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      if (room.empty()) return Transition.refused(Verdict.UNKNOWN, room);
      return new Transition(Verdict.DONE, room, RosterEntry.EMPTY);
    }
  }

  /** Moves every member a lost node held to the adopting node; its knockers are gone with it. */
  public record Adopt(String lostNode, String adopter) implements RosterOp {
    @Override
    public Transition apply(RosterEntry room) {
      boolean touched = room.members().stream().anyMatch(m -> m.node().equals(lostNode))
          || room.knockers().stream().anyMatch(k -> k.node().equals(lostNode));
      if (!touched) return Transition.refused(Verdict.UNKNOWN, room);
      List<Member> moved = room.members().stream().map(m -> m.node().equals(lostNode) ? m.movedTo(adopter) : m).toList();
      return new Transition(Verdict.DONE, room, room.withMembers(moved).withoutKnockers(k -> k.node().equals(lostNode)));
    }
  }

  private static List<Member> without(List<Member> members, String peer) {
    return members.stream().filter(m -> !m.peer().equals(peer)).toList();
  }

  private static RosterEntry departed(RosterEntry room, String peer, int capacity, boolean tokens) {
    RosterEntry next = room.without(peer, !tokens);
    return next.members().isEmpty() ? letKnockersIn(next, capacity, tokens) : next;
  }

  private static Transition admit(RosterEntry room, String knocker, int capacity, boolean tokens) {
    var waiting = room.knocker(knocker);
    if (waiting.isEmpty()) return Transition.refused(Verdict.UNKNOWN, room);
    RosterEntry rest = room.withoutKnockers(k -> k.peer().equals(knocker));
    if (room.members().size() >= capacity) return new Transition(Verdict.FULL, room, rest);
    return new Transition(Verdict.DONE, room, enter(rest, waiting.get(), tokens));
  }

  private static Transition goAway(RosterEntry room, String knocker) {
    if (room.knocker(knocker).isEmpty()) return Transition.refused(Verdict.UNKNOWN, room);
    return new Transition(Verdict.DONE, room, room.withoutKnockers(k -> k.peer().equals(knocker)));
  }

  /** An unlocked room takes its knockers in, in the order they knocked, while there is space. */
  private static RosterEntry letKnockersIn(RosterEntry room, int capacity, boolean tokens) {
    RosterEntry next = room;
    for (Knocker knocker : new ArrayList<>(room.knockers())) {
      if (next.members().size() >= capacity) break;
      next = enter(next.withoutKnockers(k -> k.peer().equals(knocker.peer())), knocker, tokens);
    }
    return next;
  }

  private static RosterEntry enter(RosterEntry room, Knocker knocker, boolean tokens) {
    RosterEntry next = room.with(new Member(knocker.peer(), knocker.node(), knocker.tokenHash(), knocker.name()));
    return !tokens && room.members().isEmpty() ? next.withHost(knocker.peer()) : next;
  }
}
