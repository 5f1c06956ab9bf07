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
      "{\"type\":\"lock\",\"password\":\"\"}|bad-message",
      "{\"type\":\"lock\",\"password\":\"12345678901234567890123456789012345678901234567890123456789012345\"}|bad-message",
      "{\"type\":\"lock\",\"password\":42}|bad-message",
      "{\"type\":\"kick\"}|bad-message",
      "{\"type\":\"admit\",\"to\":5}|bad-message",
      "{\"type\":\"deny\",\"to\":null}|bad-message",
      "{\"type\":\"password\"}|bad-message",
      "{\"type\":\"password\",\"value\":[]}|bad-message",
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
  void host_actions_and_passwords_are_decoded() throws Exception {
    assertEquals(new ClientMessage.Lock(null), Codec.decode("{\"type\":\"lock\"}"));
    assertEquals(new ClientMessage.Lock("x".repeat(64)), Codec.decode("{\"type\":\"lock\",\"password\":\"" + "x".repeat(64) + "\"}"));
    assertEquals(new ClientMessage.Unlock(), Codec.decode("{\"type\":\"unlock\"}"));
    assertEquals(new ClientMessage.Kick("p"), Codec.decode("{\"type\":\"kick\",\"to\":\"p\"}"));
    assertEquals(new ClientMessage.Admit("k"), Codec.decode("{\"type\":\"admit\",\"to\":\"k\"}"));
    assertEquals(new ClientMessage.Deny("k"), Codec.decode("{\"type\":\"deny\",\"to\":\"k\"}"));
    assertEquals(new ClientMessage.Password("s"), Codec.decode("{\"type\":\"password\",\"value\":\"s\"}"));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "`Ann`|`Ann`",
      "`  Ann  `|`Ann`",
      "`A\u0000n\u001bn\u007f`|`Ann`",
      "`<img src=x onerror=alert(1)>`|`<img src=x onerror=alert(1)>`",
      "`12345678901234567890123456789012345`|`12345678901234567890123456789012`",
      "`\u0001\u0002 `|",
  })
  void a_name_loses_control_characters_and_is_trimmed_to_32_characters(String raw, String kept) {
    // the unicode escapes above are control characters in the source already
    assertEquals(kept, PeerName.clean(raw));
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
    assertEquals(new JsonObject("{\"type\":\"peer-joined\",\"id\":\"a\"}"), new JsonObject(Codec.encode(new ServerMessage.PeerJoined(a, null))));
    assertEquals(new JsonObject("{\"type\":\"peer-joined\",\"id\":\"a\",\"name\":\"<b>Ann</b>\"}"),
        new JsonObject(Codec.encode(new ServerMessage.PeerJoined(a, "<b>Ann</b>"))), "a name is plain text, not escaped");
    assertEquals(new JsonObject("{\"type\":\"hosts\",\"ids\":[\"a\"]}"), new JsonObject(Codec.encode(new ServerMessage.Hosts(List.of(a)))));
    assertEquals(new JsonObject("{\"type\":\"room\",\"locked\":true}"), new JsonObject(Codec.encode(new ServerMessage.RoomLocked(true))));
    assertEquals(new JsonObject("{\"type\":\"lobby\",\"id\":\"a\",\"room\":\"r\",\"password\":false}"),
        new JsonObject(Codec.encode(new ServerMessage.Lobby(a, new RoomName("r"), false))));
    assertEquals(new JsonObject("{\"type\":\"knock\",\"id\":\"a\"}"), new JsonObject(Codec.encode(new ServerMessage.Knock(a, null))));
    assertEquals(new JsonObject("{\"type\":\"knock-ended\",\"id\":\"a\"}"), new JsonObject(Codec.encode(new ServerMessage.KnockEnded(a))));
    assertEquals(new JsonObject("{\"type\":\"peer-left\",\"id\":\"a\"}"), new JsonObject(Codec.encode(new ServerMessage.PeerLeft(a))));
    assertEquals(new JsonObject("{\"type\":\"error\",\"code\":\"room-full\",\"message\":\"m\"}"),
        new JsonObject(Codec.encode(new ServerMessage.Error(ErrorCode.ROOM_FULL, "m"))));
    JsonObject welcome = new JsonObject(Codec.encode(new ServerMessage.Welcome(a, new RoomName("r"), List.of(new PeerId("b")),
        java.util.Map.of(a, "Ann"), List.of(new PeerId("b")), true, new JsonArray(), "relay", "tok", true)));
    assertEquals(new JsonObject("{\"type\":\"welcome\",\"id\":\"a\",\"room\":\"r\",\"peers\":[\"b\"],\"names\":{\"a\":\"Ann\"},"
        + "\"hosts\":[\"b\"],\"locked\":true,\"iceServers\":[],\"iceTransportPolicy\":\"relay\",\"resume\":\"tok\",\"resumed\":true}"), welcome);
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
