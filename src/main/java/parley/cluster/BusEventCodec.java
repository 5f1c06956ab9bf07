package parley.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import parley.room.PeerId;

import java.nio.charset.StandardCharsets;

/** Passes {@link BusEvent}s by reference on one node and as compact bytes between nodes. */
public final class BusEventCodec implements MessageCodec<BusEvent, BusEvent> {
  public static final String NAME = "parley-bus-event";
  public static final DeliveryOptions DELIVERY = new DeliveryOptions().setCodecName(NAME);

  private static final byte SIGNAL = 1;
  private static final byte JOINED = 2;
  private static final byte LEFT = 3;

  /** Registers the codec once per Vert.x instance; later calls are harmless. */
  public static void register(EventBus bus) {
    try {
      bus.registerCodec(new BusEventCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // another verticle instance of this Vert.x did it first
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, BusEvent event) {
    if (event instanceof BusEvent.Signal s) {
      buffer.appendByte(SIGNAL).appendLong(s.id()).appendLong(s.sentMicros());
      appendString(buffer, s.from().value());
      appendString(buffer, s.frame());
    } else if (event instanceof BusEvent.Joined j) {
      appendString(buffer.appendByte(JOINED), j.peer().value());
    } else {
      appendString(buffer.appendByte(LEFT), ((BusEvent.Left) event).peer().value());
    }
  }

  @Override
  public BusEvent decodeFromWire(int pos, Buffer buffer) {
    byte kind = buffer.getByte(pos);
    pos += 1;
    if (kind == SIGNAL) {
      long id = buffer.getLong(pos);
      long sentMicros = buffer.getLong(pos + 8);
      pos += 16;
      String from = readString(buffer, pos);
      pos += 4 + buffer.getInt(pos);
      return new BusEvent.Signal(id, new PeerId(from), readString(buffer, pos), sentMicros);
    }
    PeerId peer = new PeerId(readString(buffer, pos));
    return kind == JOINED ? new BusEvent.Joined(peer) : new BusEvent.Left(peer);
  }

  @Override
  public BusEvent transform(BusEvent event) {
    return event; // immutable records: local delivery shares them
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }

  private static void appendString(Buffer buffer, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  private static String readString(Buffer buffer, int pos) {
    int length = buffer.getInt(pos);
    return buffer.getString(pos + 4, pos + 4 + length, "UTF-8");
  }
}
