package parley.cluster;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import parley.protocol.PeerId;
import parley.protocol.RoomName;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Everything that crosses the event bus between nodes comes out as it went in; on one node it is not copied. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BusEventCodecTest {
  private static final PeerId ALICE = new PeerId("alice_1");
  private static final BusEvent.Signal SIGNAL =
      new BusEvent.Signal(-42L, ALICE, "{\"type\":\"offer\",\"from\":\"alice_1\",\"data\":\"ü ✓\"}", 1_700_000_000_000_000L);

  static Stream<BusEvent> events() {
    return Stream.of(
        SIGNAL,
        new BusEvent.Joined(ALICE, null),
        new BusEvent.Joined(ALICE, "Ann ✓"),
        new BusEvent.Hosts(1L, List.of(ALICE, new PeerId("bob"))),
        new BusEvent.RoomLocked(Long.MIN_VALUE, true),
        new BusEvent.Knock(-3L, ALICE, null),
        new BusEvent.Knock(4L, ALICE, "Ann"),
        new BusEvent.KnockEnded(Long.MAX_VALUE, ALICE),
        new BusEvent.Verdict(BusEvent.Verdict.Kind.KICKED),
        new BusEvent.Left(ALICE),
        new BusEvent.Takeover("alice_1.c2VjcmV0", new RoomName("room-1"), "parley.room.room-1.peer.alice_1.incarnation.ab"),
        new BusEvent.Handover(List.of()),
        new BusEvent.Handover(List.of(SIGNAL, new BusEvent.Signal(7, new PeerId("bob"), "{}", 0))),
        new BusEvent.Refused());
  }

  @ParameterizedTest
  @MethodSource("events")
  void an_event_crosses_nodes_unchanged(BusEvent event) {
    var codec = new BusEventCodec();
    Buffer wire = Buffer.buffer("prefix");
    codec.encodeToWire(wire, event);
    assertEquals(event, codec.decodeFromWire("prefix".length(), wire));
  }

  @ParameterizedTest
  @MethodSource("events")
  void on_one_node_an_event_is_passed_by_reference(BusEvent event) {
    assertSame(event, new BusEventCodec().transform(event));
  }
}
