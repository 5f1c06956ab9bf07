package parley.protocol;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parley.protocol.PeerId;
import parley.protocol.RoomName;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CodecTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "not json|bad-message",
      "|bad-message",
      "[]|bad-message",
      "null|bad-message",
      "3.14|bad-message",
      "{}|bad-message",
      "{\"type\":null}|bad-message",
      "{\"type\":[\"offer\"]}|bad-message",
      "{\"type\":\"OFFER\",\"data\":{}}|bad-message",
      "{\"type\":\"welcome\",\"data\":{}}|bad-message",
      "{\"type\":\"offer\"}|bad-message",
      "{\"type\":\"candidate\",\"data\":null}|bad-message",
      "{\"type\":\"answer\",\"to\":{},\"data\":{}}|bad-message",
      "{\"type\":\"offer\",\"data\":{}|bad-message",
  })
  void a_bad_frame_gets_its_error_code(String frame, String code) {
    var problem = assertThrows(ProtocolException.class, () -> Codec.decode(frame == null ? "" : frame));
    assertEquals(code, problem.code().wire());
  }

  @Test
  void a_targeted_signal_is_decoded_with_its_data() throws Exception {
    var message = Codec.decode("{\"type\":\"answer\",\"to\":\"p1\",\"from\":\"ignored\",\"data\":{\"sdp\":\"v=0\"}}");
    var signal = assertInstanceOf(ClientMessage.Signal.class, message);
    assertEquals(SignalType.ANSWER, signal.type());
    assertEquals("p1", signal.to());
    assertEquals("{\"sdp\":\"v=0\"}", signal.data(), "the data's JSON text as written");
  }

  @Test
  void a_signal_without_to_is_a_broadcast_and_data_may_be_any_json_value() throws Exception {
    var signal = (ClientMessage.Signal) Codec.decode("{\"type\":\"candidate\",\"data\":\"a=candidate\"}");
    assertNull(signal.to());
    assertEquals("\"a=candidate\"", signal.data());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"a\": [1, 2.50, {\"b\": null}], \"c\": \"\\u00e9\\\"\"}",
      "1.0e3",
      "-0",
      "true",
      "\"\"",
      "[]",
      "\"ü ✓ 😀\""})
  void data_is_relayed_as_the_exact_text_the_sender_wrote(String data) throws Exception {
    String frame = "{\"type\":\"offer\", \"data\" : " + data + " , \"to\":\"p\"}";
    assertEquals(data, ((ClientMessage.Signal) Codec.decode(frame)).data());
    String relayed = Codec.encode(new ServerMessage.Relayed(SignalType.OFFER, new PeerId("a"), data));
    assertEquals(new JsonObject(frame).getValue("data"), new JsonObject(relayed).getValue("data"));
  }

  @Test
  void leave_is_decoded() throws Exception {
    assertInstanceOf(ClientMessage.Leave.class, Codec.decode("{\"type\":\"leave\"}"));
  }

  @Test
  void server_messages_use_the_wire_field_names() {
    PeerId a = new PeerId("a");
    assertEquals(new JsonObject("{\"type\":\"offer\",\"from\":\"a\",\"data\":{\"sdp\":\"x\"}}"),
        new JsonObject(Codec.encode(new ServerMessage.Relayed(SignalType.OFFER, a, "{\"sdp\":\"x\"}"))));
    assertEquals(new JsonObject("{\"type\":\"peer-joined\",\"id\":\"a\"}"), new JsonObject(Codec.encode(new ServerMessage.PeerJoined(a))));
    assertEquals(new JsonObject("{\"type\":\"peer-left\",\"id\":\"a\"}"), new JsonObject(Codec.encode(new ServerMessage.PeerLeft(a))));
    assertEquals(new JsonObject("{\"type\":\"error\",\"code\":\"room-full\",\"message\":\"m\"}"),
        new JsonObject(Codec.encode(new ServerMessage.Error(ErrorCode.ROOM_FULL, "m"))));
    JsonObject welcome = new JsonObject(Codec.encode(new ServerMessage.Welcome(a, new RoomName("r"), List.of(new PeerId("b")),
        new JsonArray(), "relay", "tok", true)));
    assertEquals(new JsonObject("{\"type\":\"welcome\",\"id\":\"a\",\"room\":\"r\",\"peers\":[\"b\"],\"iceServers\":[],"
        + "\"iceTransportPolicy\":\"relay\",\"resume\":\"tok\",\"resumed\":true}"), welcome);
  }

  @Test
  void each_error_code_says_whether_and_how_the_socket_closes() {
    assertEquals(CloseCode.NONE, ErrorCode.BAD_MESSAGE.close());
    assertEquals(CloseCode.NONE, ErrorCode.UNKNOWN_PEER.close());
    assertEquals(CloseCode.NONE, ErrorCode.RATE_LIMITED.close());
    assertEquals(4001, ErrorCode.ROOM_FULL.close().code());
    assertEquals(1009, ErrorCode.TOO_LARGE.close().code());
  }
}
