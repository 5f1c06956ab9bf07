package parley.protocol;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.room.PeerId;

/** The one place that knows the wire's JSON field names. */
public final class Codec {
  private Codec() {
  }

  public static ClientMessage decode(String text) throws ProtocolException {
    Object parsed;
    try {
      parsed = Json.decodeValue(text);
    } catch (DecodeException e) {
      throw bad("not JSON");
    }
    if (!(parsed instanceof JsonObject json)) throw bad("a message must be a JSON object");
    if (!(json.getValue("type") instanceof String type)) throw bad("missing \"type\"");
    if (type.equals("leave")) return new ClientMessage.Leave();
    SignalType signal = SignalType.fromWire(type).orElseThrow(() -> bad("unknown type \"" + type + "\""));
    Object to = json.getValue("to");
    if (to != null && !(to instanceof String)) throw bad("\"to\" must be a peer id");
    Object data = json.getValue("data");
    if (data == null) throw bad("missing \"data\"");
    return new ClientMessage.Signal(signal, (String) to, data);
  }

  public static String encode(ServerMessage message) {
    // Java 17 has no pattern switch: one branch per record of the sealed family
    if (message instanceof ServerMessage.Relayed r) {
      return new JsonObject().put("type", r.type().wire()).put("from", r.from().value()).put("data", r.data()).encode();
    }
    if (message instanceof ServerMessage.PeerJoined j) {
      return new JsonObject().put("type", "peer-joined").put("id", j.id().value()).encode();
    }
    if (message instanceof ServerMessage.PeerLeft l) {
      return new JsonObject().put("type", "peer-left").put("id", l.id().value()).encode();
    }
    if (message instanceof ServerMessage.Error e) {
      return new JsonObject().put("type", "error").put("code", e.code().wire()).put("message", e.message()).encode();
    }
    var w = (ServerMessage.Welcome) message;
    return new JsonObject()
        .put("type", "welcome")
        .put("id", w.id().value())
        .put("room", w.room().value())
        .put("peers", new JsonArray(w.peers().stream().map(PeerId::value).toList()))
        .put("iceServers", w.iceServers())
        .put("iceTransportPolicy", w.iceTransportPolicy())
        .put("resume", w.resume())
        .put("resumed", w.resumed())
        .encode();
  }

  private static ProtocolException bad(String message) {
    return new ProtocolException(ErrorCode.BAD_MESSAGE, message);
  }
}
