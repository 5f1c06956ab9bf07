package parley.cluster;

import parley.protocol.PeerId;
import parley.protocol.RoomName;

/** Every event-bus address Parley uses, built in one place. */
public final class Addresses {
  private static final String PREFIX = "parley.";

  private Addresses() {
  }

  /**
   * Everything for one peer of one room: signals (targeted or broadcast) and membership events.
   * One address per receiver keeps one sender's messages to it in order, across nodes too.
   */
  public static String peer(RoomName room, PeerId peer) {
    return PREFIX + "room." + room.value() + ".peer." + peer.value();
  }

  /** One incarnation of a peer's place: where a handed-over place forwards late arrivals. */
  public static String incarnation(RoomName room, PeerId peer, String nonce) {
    return peer(room, peer) + ".incarnation." + nonce;
  }

  /** The session that holds a peer's place: answers resume (takeover) requests. */
  public static String session(PeerId peer) {
    return PREFIX + "session." + peer.value();
  }
}
