package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import parley.cluster.BusEvent;
import parley.cluster.BusEventCodec;
import parley.protocol.RoomName;

/**
 * The old side of a resume: a place handed over to a session that took it with the place's token.
 * The answer goes first to the new place's incarnation address; then for {@link #WINDOW_MS} after the move,
 * what still arrives at the old place (sent before the sender's node heard of the new one) is passed on,
 * in order, each retried while the incarnation's address spreads through the cluster; the new place drops
 * what it already has. Then the window ends.
 */
final class Handover {
  /** Long enough for every node to have heard of the new place. */
  static final long WINDOW_MS = 5_000;
  private static final long RETRY_MS = 100;
  private static final int ATTEMPTS = 20;
  private static final DeliveryOptions DELIVERY = new DeliveryOptions(BusEventCodec.DELIVERY).setSendTimeout(2_000);

  private final Vertx vertx;
  private final String target;
  private Future<Void> chain = Future.succeededFuture();

  private Handover(Vertx vertx, String target) {
    this.vertx = vertx;
    this.target = target;
  }

  /** True when {@code claim} may take the place: its token matches the place's hash and it names the place's room. */
  static boolean accepts(BusEvent.Takeover claim, RoomName room, String tokenHash) {
    return ResumeToken.matches(claim.token(), tokenHash) && room.equals(claim.room());
  }

  /** Opens the forwarding window towards {@code claim}'s new place; {@code windowEnded} runs when it closes. */
  static Handover start(Vertx vertx, BusEvent.Takeover claim, Runnable windowEnded) {
    vertx.setTimer(WINDOW_MS, timer -> windowEnded.run());
    return new Handover(vertx, claim.forward());
  }

  /** Tells a claim with a wrong token (or for another room) that this place is not its to take. */
  static void refuse(Vertx vertx, BusEvent.Takeover claim) {
    attempt(vertx, claim.forward(), new BusEvent.Refused(), ATTEMPTS);
  }

  void forward(BusEvent event) {
    chain = chain.compose(v -> attempt(vertx, target, event, ATTEMPTS)).recover(lost -> Future.succeededFuture());
  }

  private static Future<Void> attempt(Vertx vertx, String target, BusEvent event, int attemptsLeft) {
    return vertx.eventBus().request(target, event, DELIVERY).<Void>mapEmpty().recover(problem -> {
      boolean notYetKnown = problem instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS;
      if (!notYetKnown || attemptsLeft <= 1) return Future.failedFuture(problem);
      return vertx.timer(RETRY_MS).compose(v -> attempt(vertx, target, event, attemptsLeft - 1));
    });
  }
}
