package parley.protocol;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/** Generated inputs: whatever a client sends, decoding gives a message or a protocol error, never anything else. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CodecFuzzTest {
  private static final int CASES = 20_000;
  private static final List<String> KEYS = List.of("type", "to", "data", "from", "id", "room", "resume", "");
  private static final List<String> TYPES = List.of("offer", "answer", "candidate", "leave", "welcome", "error", "peer-left", "", "OFFER");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void any_bytes_decode_to_a_message_or_a_protocol_error(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < CASES; i++) {
      byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      assertDecodesOrRefuses(new String(bytes, StandardCharsets.UTF_8), seed);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {4, 5, 6})
  void any_json_decodes_to_a_message_or_a_protocol_error_and_valid_ones_keep_their_data(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < CASES; i++) {
      Object json = value(random, 3);
      String text = json instanceof JsonObject o ? o.encode() : json instanceof JsonArray a ? a.encode() : String.valueOf(json);
      ClientMessage message = assertDecodesOrRefuses(text, seed);
      if (message instanceof ClientMessage.Signal signal) {
        assertEquals(((JsonObject) json).getValue("data"), Json.decodeValue(signal.data()), text);
        assertNotNull(signal.data());
      }
    }
  }

  private static ClientMessage assertDecodesOrRefuses(String text, long seed) {
    try {
      return Codec.decode(text);
    } catch (ProtocolException refused) {
      assertEquals(ErrorCode.BAD_MESSAGE, refused.code(), text);
      return null;
    } catch (RuntimeException e) {
      fail("seed " + seed + ": decoding " + text + " threw " + e);
      return null;
    }
  }

  /** A random JSON value, biased towards objects with the protocol's own keys and types. */
  private static Object value(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 9 : 5);
    return switch (kind) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextInt(2) == 0 ? random.nextInt() : random.nextDouble();
      case 3 -> TYPES.get(random.nextInt(TYPES.size()));
      case 4 -> "s" + random.nextInt(1000);
      case 5 -> {
        JsonArray array = new JsonArray();
        for (int i = random.nextInt(4); i > 0; i--) array.add(value(random, depth - 1));
        yield array;
      }
      default -> {
        JsonObject object = new JsonObject();
        for (int i = random.nextInt(5); i > 0; i--) {
          String key = KEYS.get(random.nextInt(KEYS.size()));
          object.put(key, key.equals("type") && random.nextInt(3) > 0 ? TYPES.get(random.nextInt(TYPES.size())) : value(random, depth - 1));
        }
        yield object;
      }
    };
  }
}
