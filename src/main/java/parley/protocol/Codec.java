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
    Field to = Field.ABSENT_FIELD;
    Field password = Field.ABSENT_FIELD;
    Field value = Field.ABSENT_FIELD;
    String data = null;
    boolean object;
    try (JsonParser parser = JSON.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) throw bad("not JSON");
      object = first == JsonToken.START_OBJECT;
      if (object) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken token = parser.nextToken();
          switch (field) {
            case "type" -> type = token == JsonToken.VALUE_STRING ? parser.getText() : null;
            case "to" -> to = Field.read(parser, token);
            case "password" -> password = Field.read(parser, token);
            case "value" -> value = Field.read(parser, token);
            case "data" -> data = token == JsonToken.VALUE_NULL ? null : rawValue(parser, text);
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
    switch (type) {
      case "leave" -> {
        return new ClientMessage.Leave();
      }
      case "lock" -> {
        if (password.absent()) return new ClientMessage.Lock(null);
        String secret = password.text();
        int length = secret == null ? 0 : secret.codePointCount(0, secret.length());
        if (length < 1 || length > MAX_PASSWORD_CHARS) throw bad("\"password\" must be 1 to 64 characters");
        return new ClientMessage.Lock(secret);
      }
      case "unlock" -> {
        return new ClientMessage.Unlock();
      }
      case "kick" -> {
        return new ClientMessage.Kick(peerId(to));
      }
      case "admit" -> {
        return new ClientMessage.Admit(peerId(to));
      }
      case "deny" -> {
        return new ClientMessage.Deny(peerId(to));
      }
      case "password" -> {
        if (value.text() == null) throw bad("\"value\" must be a string");
        return new ClientMessage.Password(value.text());
      }
      default -> {
        String known = type;
        SignalType signal = SignalType.fromWire(type).orElseThrow(() -> bad("unknown type \"" + known + "\""));
        if (!to.absent() && to.text() == null) throw bad("\"to\" must be a peer id");
        if (data == null) throw bad("missing \"data\"");
        return new ClientMessage.Signal(signal, to.text(), data);
      }
    }
  }

  private static final int MAX_PASSWORD_CHARS = 64;

  /** A field that must name a peer: a string. */
  private static String peerId(Field to) throws ProtocolException {
    if (to.text() == null) throw bad("\"to\" must be a peer id");
    return to.text();
  }

  /** A field read from a frame: absent (or null), a string, or another kind of value (text null). */
  private record Field(boolean absent, String text) {
    static final Field ABSENT_FIELD = new Field(true, null);

    static Field read(JsonParser parser, JsonToken token) throws IOException {
      if (token == JsonToken.VALUE_NULL) return ABSENT_FIELD;
      if (token == JsonToken.VALUE_STRING) return new Field(false, parser.getText());
      parser.skipChildren();
      return new Field(false, null);
    }
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
      JsonObject json = typed("peer-joined").put("id", j.id().value());
      return (j.name() == null ? json : json.put("name", j.name())).encode();
    }
    if (message instanceof ServerMessage.PeerLeft l) {
      return typed("peer-left").put("id", l.id().value()).encode();
    }
    if (message instanceof ServerMessage.Error e) {
      return typed("error").put("code", e.code().wire()).put("message", e.message()).encode();
    }
    if (message instanceof ServerMessage.Hosts h) {
      return typed("hosts").put("ids", ids(h.ids())).encode();
    }
    if (message instanceof ServerMessage.RoomLocked r) {
      return typed("room").put("locked", r.locked()).encode();
    }
    if (message instanceof ServerMessage.Lobby l) {
      return typed("lobby").put("id", l.id().value()).put("room", l.room().value()).put("password", l.password()).encode();
    }
    if (message instanceof ServerMessage.Knock k) {
      JsonObject json = typed("knock").put("id", k.id().value());
      return (k.name() == null ? json : json.put("name", k.name())).encode();
    }
    if (message instanceof ServerMessage.KnockEnded k) {
      return typed("knock-ended").put("id", k.id().value()).encode();
    }
    var w = (ServerMessage.Welcome) message;
    JsonObject names = new JsonObject();
    w.names().forEach((peer, name) -> names.put(peer.value(), name));
    return typed("welcome")
        .put("id", w.id().value())
        .put("room", w.room().value())
        .put("peers", ids(w.peers()))
        .put("names", names)
        .put("hosts", ids(w.hosts()))
        .put("locked", w.locked())
        .put("iceServers", w.iceServers())
        .put("iceTransportPolicy", w.iceTransportPolicy())
        .put("resume", w.resume())
        .put("resumed", w.resumed())
        .encode();
  }

  private static JsonObject typed(String type) {
    return new JsonObject().put("type", type);
  }

  private static JsonArray ids(java.util.List<PeerId> peers) {
    return new JsonArray(peers.stream().map(PeerId::value).toList());
  }

  private static ProtocolException bad(String message) {
    return new ProtocolException(ErrorCode.BAD_MESSAGE, message);
  }
}
