package parley.roster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One room as the roster stores it: its members in the order they joined (who, held by which node, with
 * which resume-token hash and name), its hosts, its lock (a salted password hash, or none) and the
 * newcomers knocking at it. Immutable: every change makes a new entry.
 */
public record RosterEntry(List<Member> members, List<String> hosts, boolean locked, String salt, String passwordHash,
                          List<Knocker> knockers) implements Serializable {
  public static final RosterEntry EMPTY = new RosterEntry(List.of(), List.of(), false, null, null, List.of());

  /** {@code name}: null when the peer has none. */
  public record Member(String peer, String node, String tokenHash, String name) implements Serializable {
    Member movedTo(String otherNode) {
      return new Member(peer, otherNode, tokenHash, name);
    }
  }

  public record Knocker(String peer, String node, String tokenHash, String name) implements Serializable {
  }

  @Override
  public String toString() {
    return "RosterEntry[peers=" + peers() + " hosts=" + hosts + " locked=" + locked + " knocking=" + knockers.size() + "]";
  }

  public RosterEntry {
    members = List.copyOf(members);
    hosts = List.copyOf(hosts);
    knockers = List.copyOf(knockers);
  }

  static RosterEntry orEmpty(RosterEntry entry) {
    return entry == null ? EMPTY : entry;
  }

  public boolean empty() {
    return members.isEmpty() && knockers.isEmpty();
  }

  public boolean hasPassword() {
    return passwordHash != null;
  }

  public Optional<Member> member(String peer) {
    return members.stream().filter(m -> m.peer().equals(peer)).findFirst();
  }

  public Optional<Knocker> knocker(String peer) {
    return knockers.stream().filter(k -> k.peer().equals(peer)).findFirst();
  }

  public boolean isHost(String peer) {
    return hosts.contains(peer);
  }

  public List<String> peers() {
    return members.stream().map(Member::peer).toList();
  }

  /** The member added at the end, or put back at its place with new details. */
  RosterEntry with(Member member) {
    List<Member> next = new ArrayList<>(members);
    int at = indexOf(member.peer());
    if (at < 0) next.add(member); else next.set(at, member);
    return new RosterEntry(next, hosts, locked, salt, passwordHash, knockers);
  }

  /** Without the member, as host too; an open room whose last host left is handed to the member present longest. */
  RosterEntry without(String peer, boolean handOverHosts) {
    List<Member> rest = members.stream().filter(m -> !m.peer().equals(peer)).toList();
    List<String> restHosts = hosts.stream().filter(h -> !h.equals(peer)).toList();
    if (restHosts.isEmpty() && handOverHosts && !rest.isEmpty()) restHosts = List.of(rest.get(0).peer());
    RosterEntry next = new RosterEntry(rest, restHosts, locked, salt, passwordHash, knockers);
    return rest.isEmpty() ? next.unlocked() : next; // the lock does not outlive the room's last peer
  }

  RosterEntry withHost(String peer) {
    if (hosts.contains(peer)) return this;
    List<String> next = new ArrayList<>(hosts);
    next.add(peer);
    return new RosterEntry(members, next, locked, salt, passwordHash, knockers);
  }

  RosterEntry locked(String newSalt, String newHash) {
    return new RosterEntry(members, hosts, true, newSalt, newHash, knockers);
  }

  RosterEntry unlocked() {
    return new RosterEntry(members, hosts, false, null, null, knockers);
  }

  RosterEntry withKnocker(Knocker knocker) {
    List<Knocker> next = new ArrayList<>(knockers);
    next.add(knocker);
    return new RosterEntry(members, hosts, locked, salt, passwordHash, next);
  }

  RosterEntry withoutKnockers(Predicate<Knocker> leaving) {
    return new RosterEntry(members, hosts, locked, salt, passwordHash, knockers.stream().filter(leaving.negate()).toList());
  }

  RosterEntry withMembers(List<Member> next) {
    return new RosterEntry(next, hosts, locked, salt, passwordHash, knockers);
  }

  private int indexOf(String peer) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).peer().equals(peer)) return i;
    }
    return -1;
  }
}
