package parley.cluster;

import parley.room.PeerId;
import parley.room.RoomName;

/** Every event-bus address Parley uses, built in one place. */
public final class Addresses {
  private static final String PREFIX = "parley.";

  private Addresses() {
  }

  /** Broadcast signals and membership events of a room. */
  public static String room(RoomName room) {
    return PREFIX + "room." + room.value();
  }

  /** Signals targeted at one peer. */
  public static String peer(PeerId peer) {
    return PREFIX + "peer." + peer.value();
  }

  /** The session that holds a peer's place: answers resume (takeover) requests. */
  public static String session(PeerId peer) {
    return PREFIX + "session." + peer.value();
  }
}
