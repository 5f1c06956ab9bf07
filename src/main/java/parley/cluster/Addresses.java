package parley.cluster;

import parley.protocol.PeerId;
import parley.protocol.RoomName;

/** Every event-bus address Parley uses, built in one place. */
public final class Addresses {
  private static final String PREFIX = "parley.";

  private Addresses() {
  }

  /**
   * Everything for one peer of one room: signals (targeted or broadcast), membership and door events, and
   * resume claims on its place. One address per receiver keeps one sender's messages to it in order, across
   * nodes too; and a new peer's address is new to every node, so the first message to it finds it at once.
   */
  public static String peer(RoomName room, PeerId peer) {
    return PREFIX + "room." + room.value() + ".peer." + peer.value();
  }

  /** One incarnation of a peer's place while it resumes: the old place's answer, then what it forwards. */
  public static String incarnation(RoomName room, PeerId peer, String nonce) {
    return peer(room, peer) + ".incarnation." + nonce;
  }
}
