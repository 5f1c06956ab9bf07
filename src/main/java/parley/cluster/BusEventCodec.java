package parley.cluster;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import parley.protocol.PeerId;
import parley.protocol.RoomName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Passes {@link BusEvent}s by reference on one node and as compact bytes between nodes. */
public final class BusEventCodec implements MessageCodec<BusEvent, BusEvent> {
  public static final String NAME = "parley-bus-event";
  public static final DeliveryOptions DELIVERY = new DeliveryOptions().setCodecName(NAME);

  private static final byte SIGNAL = 1;
  private static final byte JOINED = 2;
  private static final byte LEFT = 3;
  private static final byte TAKEOVER = 4;
  private static final byte HANDOVER = 5;
  private static final byte HOSTS = 6;
  private static final byte ROOM_LOCKED = 7;
  private static final byte KNOCK = 8;
  private static final byte KNOCK_ENDED = 9;
  private static final byte VERDICT = 10;
  private static final byte REFUSED = 11;
  private static final String NO_NAME = "";

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
    // Java 17 has no pattern switch: one branch per record of the sealed family
    if (event instanceof BusEvent.Refused) {
      buffer.appendByte(REFUSED);
    } else if (event instanceof BusEvent.Signal s) {
      appendSignal(buffer.appendByte(SIGNAL), s);
    } else if (event instanceof BusEvent.Joined j) {
      appendString(buffer.appendByte(JOINED), j.peer().value());
      appendString(buffer, j.name() == null ? NO_NAME : j.name());
    } else if (event instanceof BusEvent.Hosts h) {
      buffer.appendByte(HOSTS).appendLong(h.id()).appendInt(h.ids().size());
      h.ids().forEach(id -> appendString(buffer, id.value()));
    } else if (event instanceof BusEvent.RoomLocked r) {
      buffer.appendByte(ROOM_LOCKED).appendLong(r.id()).appendByte((byte) (r.locked() ? 1 : 0));
    } else if (event instanceof BusEvent.Knock k) {
      appendString(buffer.appendByte(KNOCK).appendLong(k.id()), k.peer().value());
      appendString(buffer, k.name() == null ? NO_NAME : k.name());
    } else if (event instanceof BusEvent.KnockEnded k) {
      appendString(buffer.appendByte(KNOCK_ENDED).appendLong(k.id()), k.peer().value());
    } else if (event instanceof BusEvent.Verdict v) {
      buffer.appendByte(VERDICT).appendByte((byte) v.kind().ordinal());
    } else if (event instanceof BusEvent.Left l) {
      appendString(buffer.appendByte(LEFT), l.peer().value());
    } else if (event instanceof BusEvent.Takeover t) {
      appendString(buffer.appendByte(TAKEOVER), t.token());
      appendString(buffer, t.room().value());
      appendString(buffer, t.forward());
    } else {
      List<BusEvent.Signal> queue = ((BusEvent.Handover) event).queue();
      buffer.appendByte(HANDOVER).appendInt(queue.size());
      queue.forEach(signal -> appendSignal(buffer, signal));
    }
  }

  @Override
  public BusEvent decodeFromWire(int pos, Buffer buffer) {
    var in = new Reader(buffer, pos);
    byte kind = in.readByte();
    return switch (kind) {
      case REFUSED -> new BusEvent.Refused();
      case SIGNAL -> in.signal();
      case JOINED -> new BusEvent.Joined(new PeerId(in.string()), in.name());
      case HOSTS -> {
        long id = in.readLong();
        int size = in.readInt();
        List<PeerId> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) ids.add(new PeerId(in.string()));
        yield new BusEvent.Hosts(id, ids);
      }
      case ROOM_LOCKED -> new BusEvent.RoomLocked(in.readLong(), in.readByte() == 1);
      case KNOCK -> new BusEvent.Knock(in.readLong(), new PeerId(in.string()), in.name());
      case KNOCK_ENDED -> new BusEvent.KnockEnded(in.readLong(), new PeerId(in.string()));
      case VERDICT -> new BusEvent.Verdict(BusEvent.Verdict.Kind.values()[in.readByte()]);
      case LEFT -> new BusEvent.Left(new PeerId(in.string()));
      case TAKEOVER -> new BusEvent.Takeover(in.string(), new RoomName(in.string()), in.string());
      case HANDOVER -> {
        int size = in.readInt();
        List<BusEvent.Signal> queue = new ArrayList<>(size);
        for (int i = 0; i < size; i++) queue.add(in.signal());
        yield new BusEvent.Handover(queue);
      }
      default -> throw new IllegalArgumentException("unknown bus event kind " + kind);
    };
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

  private static void appendSignal(Buffer buffer, BusEvent.Signal s) {
    buffer.appendLong(s.id()).appendLong(s.sentMicros());
    appendString(buffer, s.from().value());
    appendString(buffer, s.frame());
  }

  private static void appendString(Buffer buffer, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  /** Reads a buffer from a position onwards. */
  private static final class Reader {
    private final Buffer buffer;
    private int pos;

    Reader(Buffer buffer, int pos) {
      this.buffer = buffer;
      this.pos = pos;
    }

    byte readByte() {
      return buffer.getByte(pos++);
    }

    int readInt() {
      int value = buffer.getInt(pos);
      pos += 4;
      return value;
    }

    long readLong() {
      long value = buffer.getLong(pos);
      pos += 8;
      return value;
    }

    String string() {
      int length = readInt();
      String value = buffer.getString(pos, pos + length, "UTF-8");
      pos += length;
      return value;
    }

    /** A name, or null for none (written as empty: a kept name is never empty). */
    String name() {
      String name = string();
      return name.isEmpty() ? null : name;
    }

    BusEvent.Signal signal() {
      long id = readLong();
      long sentMicros = readLong();
      PeerId from = new PeerId(string());
      return new BusEvent.Signal(id, from, string(), sentMicros);
    }
  }
}
