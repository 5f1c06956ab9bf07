package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.MessageConsumer;
import parley.cluster.Addresses;
import parley.cluster.BusEvent;
import parley.cluster.BusEventCodec;
import parley.protocol.PeerId;
import parley.protocol.RoomName;

import java.util.concurrent.ThreadLocalRandom;

/**
 * What one place listens on: its peer's address (everything for the peer, resume claims included) and, while
 * it resumes, an incarnation address of its own, where the old place answers the claim and forwards late
 * arrivals, each acknowledged. Each consumer is counted in {@link Places}, so a leak shows in parley_bus_consumers.
 */
final class Subscriptions {
  /** The old place forwards for {@link Handover#WINDOW_MS}, and retries each event for a few seconds more. */
  private static final long INCARNATION_MS = 2 * Handover.WINDOW_MS;

  private final Rooms rooms;
  private final RoomName room;
  private final PeerId peer;
  private MessageConsumer<BusEvent> events;
  private MessageConsumer<BusEvent> forwarded;
  private String incarnation;
  private Promise<BusEvent> answer;

  Subscriptions(Rooms rooms, RoomName room, PeerId peer) {
    this.rooms = rooms;
    this.room = room;
    this.peer = peer;
  }

  /**
   * Listens on the peer's address and, for a resume, on this incarnation's too; completes once the cluster
   * routes both here.
   */
  Future<Void> events(Handler<BusEvent> onEvent, boolean resuming) {
    events = rooms.bus().consumer(Addresses.peer(room, peer), message -> onEvent.handle(message.body()));
    rooms.places().busConsumers(1);
    if (!resuming) return events.completion();
    incarnation = Long.toHexString(ThreadLocalRandom.current().nextLong());
    answer = Promise.promise();
    forwarded = rooms.bus().consumer(incarnationAddress(), message -> {
      BusEvent event = message.body();
      if (event instanceof BusEvent.Handover || event instanceof BusEvent.Refused) {
        answer.tryComplete(event);
      } else {
        onEvent.handle(event);
      }
      message.reply(null);
    });
    rooms.places().busConsumers(1);
    // once the old place can no longer forward anything, the place needs no second address
    rooms.vertx().setTimer(INCARNATION_MS, timer -> stopForwarded());
    return Future.all(events.completion(), forwarded.completion()).mapEmpty();
  }

  private String incarnationAddress() {
    return Addresses.incarnation(room, peer, incarnation);
  }

  /**
   * Claims the place on the peer's address (this place listens there too, and stays silent); the place that holds
   * the peer answers on this incarnation's address, with a handover or a refusal.
   */
  Future<BusEvent> claim(ResumeToken token) {
    var takeover = new BusEvent.Takeover(token.value(), room, incarnationAddress());
    rooms.bus().publish(Addresses.peer(room, peer), takeover, BusEventCodec.DELIVERY);
    return answer.future();
  }

  void unregisterAll() {
    if (events != null) {
      events.unregister();
      events = null;
      rooms.places().busConsumers(-1);
    }
    stopForwarded();
  }

  private void stopForwarded() {
    if (forwarded == null) return;
    forwarded.unregister();
    forwarded = null;
    rooms.places().busConsumers(-1);
  }
}
