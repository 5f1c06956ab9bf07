package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.cluster.Addresses;
import parley.cluster.BusEvent;
import parley.cluster.BusEventCodec;
import parley.config.Settings;
import parley.metrics.Meters;
import parley.peer.PeerSocket;
import parley.protocol.CloseCode;
import parley.protocol.ErrorCode;
import parley.protocol.PeerId;
import parley.protocol.ProtocolException;
import parley.protocol.RoomName;
import parley.roster.Roster;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Admits sockets into rooms, as new peers or by resuming a place held anywhere in the cluster. */
public final class Rooms {
  private static final Logger log = LoggerFactory.getLogger(Rooms.class);
  /** A resume whose place sits on a node that just died waits for a survivor to adopt it, this long at most. */
  private static final long ADOPTION_WAIT_MS = 12_000;
  private static final long RETRY_MS = 100;

  private final Vertx vertx;
  private final Settings settings;
  private final Roster roster;
  private final Meters meters;
  private final Places places;
  private final IceServers iceServers;
  private final DeliveryOptions takeover;

  public Rooms(Vertx vertx, Settings settings, Roster roster, Meters meters, Places places) {
    this.vertx = vertx;
    this.settings = settings;
    this.roster = roster;
    this.meters = meters;
    this.places = places;
    this.iceServers = new IceServers(settings, Clock.systemUTC());
    this.takeover = new DeliveryOptions(BusEventCodec.DELIVERY)
        .setSendTimeout(takeoverTimeoutMs(settings.resumeGrace().toMillis()));
  }

  /**
   * A takeover request routed to a node the old place just left (the cluster's view of a consumer
   * lags its unregistration by a few ms) is dropped there and only times out. The timeout is kept
   * well inside the grace so the retry still finds the place held.
   */
  static long takeoverTimeoutMs(long graceMs) {
    return Math.max(250, Math.min(2_000, graceMs / 4));
  }

  /** Resumes the place {@code resumeToken} names if it is still held, else joins as a new peer. */
  public Future<Void> admit(PeerSocket socket, RoomName room, String resumeToken) {
    Optional<ResumeToken> claim = settings.resumeEnabled() ? ResumeToken.parse(resumeToken) : Optional.empty();
    return claim.map(token -> resume(socket, room, token, System.currentTimeMillis() + ADOPTION_WAIT_MS)
            .recover(refused -> join(socket, room)))
        .orElseGet(() -> join(socket, room));
  }

  /** Holds here, for their grace, the places of a node that was lost, so their peers can still resume. */
  public void adoptPlacesOf(String lostNode) {
    roster.adopt(lostNode).onSuccess(orphans -> {
      log.info("Adopted {} places of lost node={}", orphans.size(), lostNode);
      for (Roster.Orphan place : orphans) {
        Session orphan = Session.orphan(this, place.room(), place.peer(), place.tokenHash());
        orphan.subscribe(false).compose(v -> orphan.acceptTakeovers());
      }
    }).onFailure(problem -> log.error("Adopting the places of node={} failed: {}", lostNode, problem.toString()));
  }

  private Future<Void> join(PeerSocket socket, RoomName room) {
    var session = new Session(this, room, PeerId.random());
    return session.subscribe(false)
        .compose(v -> session.acceptTakeovers())
        .compose(v -> roster().join(room, session.id(), session.tokenHash(), settings.roomCapacity()))
        .onSuccess(peers -> {
          session.announce(peers, new BusEvent.Joined(session.id()));
          session.attach(socket, peers, false, List.of());
          log.info("Peer joined room={} peer={} from={} others={}", room, session.id(), socket.clientAddress(), peers.size());
        })
        .onFailure(problem -> {
          session.end();
          if (problem instanceof Roster.RoomFullException) {
            log.info("Room full room={} from={}", room, socket.clientAddress());
            socket.reject(new ProtocolException(ErrorCode.ROOM_FULL, "this room already has " + settings.roomCapacity() + " peers"));
          } else {
            log.error("Join failed room={}: {}", room, problem.toString());
            socket.close(CloseCode.SERVICE_RESTART, "try again");
          }
        })
        .mapEmpty();
  }

  private Future<Void> resume(PeerSocket socket, RoomName room, ResumeToken claim, long deadline) {
    var session = new Session(this, room, claim.peer());
    var request = new BusEvent.Takeover(claim.value(), room, session.incarnationAddress());
    Future<Message<BusEvent>> asked = session.subscribe(true)
        .compose(v -> bus().request(Addresses.session(claim.peer()), request, takeover));
    return asked.compose(reply -> takeOver(session, socket, room, ((BusEvent.Handover) reply.body()).queue()), problem -> {
          session.end();
          return retryIfOrphaned(socket, room, claim, deadline, problem);
        });
  }

  /** The old place handed over: this session holds it now, with what was queued for it. */
  private Future<Void> takeOver(Session session, PeerSocket socket, RoomName room, List<BusEvent.Signal> queued) {
    return session.acceptTakeovers()
        .compose(v -> roster().rebind(room, session.id(), session.tokenHash()))
        .compose(v -> roster().members(room))
        .onSuccess(members -> {
          session.attach(socket, members, true, queued);
          log.info("Peer resumed room={} peer={} from={} queued={}", room, session.id(), socket.clientAddress(), queued.size());
        })
        .onFailure(problem -> session.depart("resume failed: " + problem))
        .mapEmpty();
  }

  /**
   * Nobody answered for the place, yet the roster still lists the peer: the request went by a stale
   * route, or the place's node died or hangs and no survivor has adopted its peers yet. Tries again
   * until someone answers, or the roster lets the peer go.
   */
  private Future<Void> retryIfOrphaned(
      PeerSocket socket, RoomName room, ResumeToken claim, long deadline, Throwable problem) {
    boolean unanswered = problem instanceof ReplyException reply
        && (reply.failureType() == ReplyFailure.NO_HANDLERS || reply.failureType() == ReplyFailure.TIMEOUT);
    if (!unanswered || System.currentTimeMillis() > deadline || socket.closed()) return Future.failedFuture(problem);
    return roster().members(room).compose(members -> {
      if (!members.contains(claim.peer())) return Future.failedFuture(problem);
      return vertx.timer(RETRY_MS).compose(v -> resume(socket, room, claim, deadline));
    });
  }

  Places places() {
    return places;
  }

  Vertx vertx() {
    return vertx;
  }

  EventBus bus() {
    return vertx.eventBus();
  }

  Settings settings() {
    return settings;
  }

  Roster roster() {
    return roster;
  }

  Meters meters() {
    return meters;
  }

  JsonArray iceServers(PeerId peer) {
    return iceServers.forPeer(peer);
  }
}
