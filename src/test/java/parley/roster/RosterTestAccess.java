package parley.roster;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

/** Runs the roster's entry processors on a plain map entry, as Hazelcast would on the key's owner. */
public final class RosterTestAccess {
  private RosterTestAccess() {
  }

  /** Members as "peer:tokenHash"; gives the peers left to tell. */
  public static List<String> leaveUnclaimed(List<String> members, String peer, String tokenHash) {
    RosterEntry room = new RosterEntry(members.stream().map(m -> m.split(":"))
        .map(parts -> new RosterEntry.Member(parts[0], "node", parts[1])).toList());
    Map.Entry<String, RosterEntry> entry = new AbstractMap.SimpleEntry<>("room", room);
    return new RosterOps.Leave(peer, tokenHash).process(entry);
  }
}
