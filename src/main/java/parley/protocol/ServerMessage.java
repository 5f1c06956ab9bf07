package parley.protocol;

import io.vertx.core.json.JsonArray;

import java.util.List;
import java.util.Map;

/** What the server sends, encoded once by {@link Codec}. */
public sealed interface ServerMessage {

  /** {@code names}: the peers that have a name, this one included; {@code hosts}: the room's hosts. */
  record Welcome(PeerId id, RoomName room, List<PeerId> peers, Map<PeerId, String> names, List<PeerId> hosts,
                 boolean locked, JsonArray iceServers, String iceTransportPolicy, String resume, boolean resumed)
      implements ServerMessage {
  }

  /** {@code name}: null when the newcomer has none. */
  record PeerJoined(PeerId id, String name) implements ServerMessage {
  }

  record PeerLeft(PeerId id) implements ServerMessage {
  }

  /** {@code data}: the sender's JSON text, passed on as it came. */
  record Relayed(SignalType type, PeerId from, String data) implements ServerMessage {
  }

  record Error(ErrorCode code, String message) implements ServerMessage {
  }

  /** The room's hosts changed. */
  record Hosts(List<PeerId> ids) implements ServerMessage {
  }

  /** The room was locked or unlocked. */
  record RoomLocked(boolean locked) implements ServerMessage {
  }

  /** First frame to a newcomer at a locked room: it waits; {@code password} tells whether the lock has one. */
  record Lobby(PeerId id, RoomName room, boolean password) implements ServerMessage {
  }

  /** To hosts: a newcomer waits at the door; {@code name} null when it has none. */
  record Knock(PeerId id, String name) implements ServerMessage {
  }

  /** To hosts: that newcomer no longer waits (admitted, denied, gone or timed out). */
  record KnockEnded(PeerId id) implements ServerMessage {
  }
}
