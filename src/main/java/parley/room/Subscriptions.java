package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import parley.cluster.Addresses;
import parley.cluster.BusEvent;
import parley.protocol.PeerId;
import parley.protocol.RoomName;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The event-bus addresses one place listens on: its peer's address, its incarnation's while it resumes,
 * and its session's for takeovers. Each consumer is counted in {@link Places}, so a leak shows in parley_bus_consumers.
 */
final class Subscriptions {
  private final EventBus bus;
  private final Places places;
  private final RoomName room;
  private final PeerId peer;
  private final String incarnation = Long.toHexString(ThreadLocalRandom.current().nextLong());
  private final List<MessageConsumer<?>> consumers = new ArrayList<>(3);
  private MessageConsumer<BusEvent> takeovers;

  Subscriptions(EventBus bus, Places places, RoomName room, PeerId peer) {
    this.bus = bus;
    this.places = places;
    this.room = room;
    this.peer = peer;
  }

  /**
   * Listens on the peer's address, and for a resume on this incarnation's too (where the old place
   * forwards late arrivals, each acknowledged); completes once the cluster knows both.
   */
  Future<Void> events(Handler<BusEvent> onEvent, boolean resuming) {
    MessageConsumer<BusEvent> events = consume(Addresses.peer(room, peer), m -> onEvent.handle(m.body()));
    if (!resuming) return events.completion();
    MessageConsumer<BusEvent> forwarded = consume(incarnationAddress(), m -> {
      onEvent.handle(m.body());
      m.reply(null);
    });
    return Future.all(events.completion(), forwarded.completion()).mapEmpty();
  }

  String incarnationAddress() {
    return Addresses.incarnation(room, peer, incarnation);
  }

  /** Answers resume requests for the peer from now on. */
  Future<Void> takeovers(Handler<Message<BusEvent>> onTakeover) {
    takeovers = consume(Addresses.session(peer), onTakeover);
    return takeovers.completion();
  }

  void stopTakeovers() {
    unregister(takeovers);
  }

  void unregisterAll() {
    List.copyOf(consumers).forEach(this::unregister);
  }

  private <T> MessageConsumer<T> consume(String address, Handler<Message<T>> handler) {
    MessageConsumer<T> consumer = bus.consumer(address, handler);
    consumers.add(consumer);
    places.busConsumers(1);
    return consumer;
  }

  private void unregister(MessageConsumer<?> consumer) {
    if (consumers.remove(consumer)) {
      consumer.unregister();
      places.busConsumers(-1);
    }
  }
}
