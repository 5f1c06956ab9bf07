package parley.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;

/** The one place that knows the wire's JSON field names. */
public final class Codec {
  private static final JsonFactory JSON = new JsonFactory();

  private Codec() {
  }

  /**
   * Reads a client's frame in one pass of a streaming parser: the whole text must be one JSON object;
   * {@code data} is kept as the text it was written as, so relaying never rebuilds the payload.
   */
  public static ClientMessage decode(String text) throws ProtocolException {
    String type = null;
    String to = null;
    boolean toNotString = false;
    String data = null;
    boolean object;
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) throw bad("not JSON");
      object = first == JsonToken.START_OBJECT;
      if (object) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          switch (field) {
            case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            case "to" -> {
              to = value == JsonToken.VALUE_STRING ? parser.getText() : null;
              toNotString = value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL;
            }
            case "data" -> data = value == JsonToken.VALUE_NULL ? null : rawValue(parser, text);
            default -> parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
      if (parser.nextToken() != null) throw bad("not JSON");
    } catch (IOException e) {
      // JsonProcessingException included: malformed anywhere in the text
      throw bad("not JSON");
    }
    if (!object) throw bad("a message must be a JSON object");
    if (type == null) throw bad("missing \"type\"");
    if (type.equals("leave")) return new ClientMessage.Leave();
    String known = type;
    SignalType signal = SignalType.fromWire(type).orElseThrow(() -> bad("unknown type \"" + known + "\""));
    if (toNotString) throw bad("\"to\" must be a peer id");
    if (data == null) throw bad("missing \"data\"");
    return new ClientMessage.Signal(signal, to, data);
  }

  /** The text of the value the parser is at, from its first character to its last, checked by parsing through it. */
  private static String rawValue(JsonParser parser, String text) throws IOException {
    int start = (int) parser.currentTokenLocation().getCharOffset();
    if (parser.currentToken().isStructStart()) {
      parser.skipChildren();
    } else {
      parser.finishToken();
    }
    return text.substring(start, (int) parser.currentLocation().getCharOffset());
  }

  public static String encode(ServerMessage message) {
    // Java 17 has no pattern switch: one branch per record of the sealed family
    if (message instanceof ServerMessage.Relayed r) {
      // ids and types are plain ASCII without quotes; data is JSON text already checked by decode
      return "{\"type\":\"" + r.type().wire() + "\",\"from\":\"" + r.from().value() + "\",\"data\":" + r.data() + "}";
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
