package parley.room;

import parley.protocol.PeerId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The other peers of a place, in the order they joined, with an immutable copy for relaying to all of them. */
final class Others {
  private final PeerId self;
  private final Map<String, PeerId> byId = new LinkedHashMap<>();
  private List<PeerId> list = List.of();

  Others(PeerId self) {
    this.self = self;
  }

  /** The peer of this room with that id; null when there is none. */
  PeerId get(String id) {
    return byId.get(id);
  }

  List<PeerId> list() {
    return list;
  }

  /** True when the peer was not listed yet (nor is this place's own). */
  boolean add(PeerId peer) {
    if (peer.equals(self) || byId.putIfAbsent(peer.value(), peer) != null) return false;
    list = List.copyOf(byId.values());
    return true;
  }

  /** True when the peer was listed. */
  boolean remove(PeerId peer) {
    if (byId.remove(peer.value()) == null) return false;
    list = List.copyOf(byId.values());
    return true;
  }
}
