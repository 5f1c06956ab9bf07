package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import parley.cluster.BusEvent;
import parley.cluster.BusEventCodec;

/**
 * After a handover, what still arrives at the old place (sent before the sender's node heard of the
 * move) is passed on to the new place, in order, with a retry while the new place's address is
 * still spreading through the cluster. The new place drops what it already has.
 */
final class Forwarder {
  /** Long enough for every node to have heard of the new place. */
  static final long WINDOW_MS = 5_000;
  private static final long RETRY_MS = 100;
  private static final int ATTEMPTS = 20;
  private static final DeliveryOptions DELIVERY = new DeliveryOptions(BusEventCodec.DELIVERY).setSendTimeout(2_000);

  private final Vertx vertx;
  private final String target;
  private Future<Void> chain = Future.succeededFuture();

  Forwarder(Vertx vertx, String target) {
    this.vertx = vertx;
    this.target = target;
  }

  void forward(BusEvent event) {
    chain = chain.compose(v -> attempt(event, ATTEMPTS)).recover(lost -> Future.succeededFuture());
  }

  private Future<Void> attempt(BusEvent event, int attemptsLeft) {
    return vertx.eventBus().request(target, event, DELIVERY).<Void>mapEmpty().recover(problem -> {
      boolean notYetKnown = problem instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
      if (!notYetKnown || attemptsLeft <= 1) return Future.failedFuture(problem);
      return vertx.timer(RETRY_MS).compose(v -> attempt(event, attemptsLeft - 1));
    });
  }
}
