package parley.room;

import parley.protocol.PeerId;

import java.util.ArrayList;
import java.util.List;

/**
 * The other peers of a place, in the order they joined: one immutable list, replaced on each change, which a
 * broadcast relays to as it is. A room holds a handful of peers, so a lookup walks it.
 */
final class Others {
  private final PeerId self;
  private List<PeerId> list = List.of();

  Others(PeerId self) {
    this.self = self;
  }

  /** The peer of this room with that id; null when there is none. */
  PeerId get(String id) {
    for (PeerId peer : list) {
      if (peer.value().equals(id)) return peer;
    }
    return null;
  }

  List<PeerId> list() {
    return list;
  }

  /** True when the peer was not listed yet (nor is this place's own). */
  boolean add(PeerId peer) {
    if (peer.equals(self) || get(peer.value()) != null) return false;
    List<PeerId> more = new ArrayList<>(list.size() + 1);
    more.addAll(list);
    more.add(peer);
    list = List.copyOf(more);
    return true;
  }

  /** True when the peer was listed. */
  boolean remove(PeerId peer) {
    if (get(peer.value()) == null) return false;
    list = list.stream().filter(other -> !other.equals(peer)).toList();
    return true;
  }
}
