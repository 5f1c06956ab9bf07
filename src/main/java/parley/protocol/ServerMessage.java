package parley.protocol;

import io.vertx.core.json.JsonArray;

import java.util.List;

/** What the server sends, encoded once by {@link Codec}. */
public sealed interface ServerMessage {

  record Welcome(PeerId id, RoomName room, List<PeerId> peers, JsonArray iceServers,
                 String iceTransportPolicy, String resume, boolean resumed) implements ServerMessage {
  }

  record PeerJoined(PeerId id) implements ServerMessage {
  }

  record PeerLeft(PeerId id) implements ServerMessage {
  }

  /** {@code data}: the sender's JSON text, passed on as it came. */
  record Relayed(SignalType type, PeerId from, String data) implements ServerMessage {
  }

  record Error(ErrorCode code, String message) implements ServerMessage {
  }
}
