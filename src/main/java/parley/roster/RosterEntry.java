package parley.roster;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** One room's members as the cluster map stores them: who, held by which node, with which token hash. */
public record RosterEntry(List<Member> members) implements Serializable {

  public record Member(String peer, String node, String tokenHash) implements Serializable {
  }

  public RosterEntry {
    members = List.copyOf(members);
  }

  static RosterEntry orEmpty(RosterEntry entry) {
    return entry == null ? new RosterEntry(List.of()) : entry;
  }

  boolean contains(String peer) {
    return members.stream().anyMatch(m -> m.peer().equals(peer));
  }

  boolean holds(String peer, String tokenHash) {
    return members.stream().anyMatch(m -> m.peer().equals(peer) && m.tokenHash().equals(tokenHash));
  }

  List<String> peers() {
    return members.stream().map(Member::peer).toList();
  }

  RosterEntry with(Member member) {
    List<Member> next = new ArrayList<>(without(member.peer()).members);
    int at = indexOf(member.peer());
    next.add(at < 0 ? next.size() : at, member);
    return new RosterEntry(next);
  }

  RosterEntry without(String peer) {
    return new RosterEntry(members.stream().filter(m -> !m.peer().equals(peer)).toList());
  }

  private int indexOf(String peer) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).peer().equals(peer)) return i;
    }
    return -1;
  }
}
