package parley.roster;

import com.hazelcast.map.EntryProcessor;

import java.util.Map;

/**
 * One change to one room, run atomically where the room's entry lives: by Hazelcast on the member that
 * owns the key (and again on its backup, so every change is deterministic), or in a map's compute on
 * one node. One round trip per change, and no lock.
 */
public interface RosterOp extends EntryProcessor<String, RosterEntry, Transition> {

  Transition apply(RosterEntry room);

  @Override
  default Transition process(Map.Entry<String, RosterEntry> entry) {
    Transition change = apply(RosterEntry.orEmpty(entry.getValue()));
    if (change.after() != change.before()) entry.setValue(change.after().empty() ? null : change.after());
    return change;
  }
}
