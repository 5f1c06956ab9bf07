package parley.room;

import io.vertx.core.eventbus.EventBus;
import parley.cluster.Addresses;
import parley.cluster.BusEvent;
import parley.cluster.BusEventCodec;
import parley.metrics.Meters;
import parley.protocol.ClientMessage;
import parley.protocol.Codec;
import parley.protocol.PeerId;
import parley.protocol.RoomName;
import parley.protocol.ServerMessage;

import java.util.concurrent.ThreadLocalRandom;

/** A peer's signals to the others of its room: encoded once, then published on each receiver's own address. */
final class Relay {
  private final EventBus bus;
  private final Meters meters;

  Relay(EventBus bus, Meters meters) {
    this.bus = bus;
    this.meters = meters;
  }

  /** Relays {@code signal} from {@code from} to its target, or to every other; false when the target is not in the room. */
  boolean send(RoomName room, PeerId from, Others others, ClientMessage.Signal signal) {
    PeerId target = signal.broadcast() ? null : others.get(signal.to());
    if (!signal.broadcast() && target == null) return false;
    // encoded once, whatever the number of receivers; shared by reference on this node
    String frame = Codec.encode(new ServerMessage.Relayed(signal.type(), from, signal.data()));
    var event = new BusEvent.Signal(ThreadLocalRandom.current().nextLong(), from, frame, Meters.nowMicros());
    if (target != null) {
      bus.publish(Addresses.peer(room, target), event, BusEventCodec.DELIVERY);
    } else {
      for (PeerId peer : others.list()) bus.publish(Addresses.peer(room, peer), event, BusEventCodec.DELIVERY);
    }
    meters.relayed(signal.type());
    return true;
  }
}
