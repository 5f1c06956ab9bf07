package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.cluster.BusEvent;
import parley.config.Settings;
import parley.metrics.Meters;
import parley.peer.PeerSocket;
import parley.protocol.CloseCode;
import parley.protocol.ErrorCode;
import parley.protocol.PeerId;
import parley.protocol.ProtocolException;
import parley.protocol.RoomName;
import parley.roster.Roster;
import parley.roster.RosterEntry;
import parley.roster.RosterOps;

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
  private final Notices notices;
  private final Relay relay;
  private final Access access;
  private final long takeoverTimeoutMs;

  public Rooms(Vertx vertx, Settings settings, Roster roster, Meters meters, Places places) {
    this.vertx = vertx;
    this.settings = settings;
    this.roster = roster;
    this.meters = meters;
    this.places = places;
    this.iceServers = new IceServers(settings, Clock.systemUTC());
    this.notices = new Notices(vertx.eventBus());
    this.relay = new Relay(vertx.eventBus(), meters);
    this.access = new Access(this);
    this.takeoverTimeoutMs = takeoverTimeoutMs(settings.resumeGrace().toMillis());
  }

  /**
   * A claim that reaches no place (its node just died and no survivor has adopted it yet, or the cluster's
   * view of the peer's address lags a move) is answered by nobody: it times out and is tried again. The
   * timeout is kept well inside the grace so the retry still finds the place held.
   */
  static long takeoverTimeoutMs(long graceMs) {
    return Math.max(250, Math.min(2_000, graceMs / 4));
  }

  /**
   * Resumes the place {@code resumeToken} names if it is still held, else joins as a new peer, who may
   * have to knock: a resume keeps the name and host role of its join, so {@code newcomer} is for joins only.
   */
  public Future<Void> admit(PeerSocket socket, RoomName room, String resumeToken, Newcomer newcomer) {
    Optional<ResumeToken> claim = settings.resumeEnabled() ? ResumeToken.parse(resumeToken) : Optional.empty();
    return claim.map(token -> resume(socket, room, token, System.currentTimeMillis() + ADOPTION_WAIT_MS)
            .recover(refused -> join(socket, room, newcomer)))
        .orElseGet(() -> join(socket, room, newcomer));
  }

  /** Who a new socket says it is: a name (null for none) and, by its join token, whether it is a host. */
  public record Newcomer(String name, boolean host) {
  }

  /** Holds here, for their grace, the places of a node that was lost, so their peers can still resume. */
  public void adoptPlacesOf(String lostNode) {
    roster.adopt(lostNode).onSuccess(changed -> {
      int adopted = 0;
      for (var room : changed.entrySet()) {
        notices.tell(room.getKey(), room.getValue()); // its knockers are gone with it
        for (RosterEntry.Member place : room.getValue().after().members()) {
          if (!room.getValue().before().member(place.peer()).map(m -> m.node().equals(lostNode)).orElse(false)) continue;
          Session orphan = Session.orphan(this, room.getKey(), new PeerId(place.peer()), place.tokenHash());
          orphan.subscribe(false);
          adopted++;
        }
      }
      log.info("Adopted {} places of lost node={}", adopted, lostNode);
    }).onFailure(problem -> log.error("Adopting the places of node={} failed: {}", lostNode, problem.toString()));
  }

  private Future<Void> join(PeerSocket socket, RoomName room, Newcomer newcomer) {
    var session = new Session(this, room, PeerId.random());
    var member = new RosterEntry.Member(session.id().value(), roster.node(), session.tokenHash(), newcomer.name());
    return session.subscribe(false)
        .compose(v -> roster.change(room, new RosterOps.Join(member, newcomer.host(), settings.roomCapacity(), settings.joinTokens())))
        .onSuccess(change -> {
          notices.tell(room, change);
          switch (change.verdict()) {
            case DONE -> {
              session.attach(socket, change.after(), false, List.of());
              log.info("Peer joined room={} peer={} from={} others={} host={}", room, session.id(), socket.clientAddress(),
                  change.before().members().size(), change.after().isHost(member.peer()));
            }
            case KNOCKING -> new Lobby(this, session, socket, room, change.after().hasPassword()).open();
            default -> {
              session.end();
              log.info("Room full room={} from={}", room, socket.clientAddress());
              socket.reject(new ProtocolException(ErrorCode.ROOM_FULL, "this room already has " + settings.roomCapacity() + " peers"));
            }
          }
        })
        .onFailure(problem -> {
          session.end();
          log.error("Join failed room={}: {}", room, problem.toString());
          socket.close(CloseCode.SERVICE_RESTART, "try again");
        })
        .mapEmpty();
  }

  /** The peer departs (only if its place still carries {@code tokenHash}, when given); true when it did. */
  Future<Boolean> leave(RoomName room, PeerId peer, String tokenHash) {
    return roster.change(room, new RosterOps.Leave(peer.value(), tokenHash, settings.roomCapacity(), settings.joinTokens()))
        .map(change -> {
          notices.tell(room, change);
          return change.done();
        });
  }

  /**
   * Claims the place {@code claim} names on its peer's address, if the roster still lists the peer; the place
   * answers on this resume's incarnation address, with a handover or a refusal.
   */
  private Future<Void> resume(PeerSocket socket, RoomName room, ResumeToken claim, long deadline) {
    return roster.entry(room).compose(entry -> {
      if (entry.member(claim.peer().value()).isEmpty()) return Future.failedFuture("no such place"); // a stale token
      var session = new Session(this, room, claim.peer());
      return session.subscribe(true)
          .compose(v -> answerWithin(session.claim(claim), takeoverTimeoutMs))
          .compose(answer -> answer instanceof BusEvent.Handover handover
              ? takeOver(session, socket, room, handover.queue())
              : Future.failedFuture("the place refused the token"), problem -> {
            session.end();
            return retryIfUnanswered(socket, room, claim, deadline, problem);
          });
    });
  }

  private Future<BusEvent> answerWithin(Future<BusEvent> answer, long timeoutMs) {
    Promise<BusEvent> answered = Promise.promise();
    long timer = vertx.setTimer(timeoutMs, t -> answered.tryFail(new ReplyException(ReplyFailure.TIMEOUT, "nobody answered for the place")));
    answer.onComplete(result -> {
      vertx.cancelTimer(timer);
      answered.tryComplete(result.result());
    });
    return answered.future();
  }

  /** The old place handed over: this session holds it now, with what was queued for it. */
  private Future<Void> takeOver(Session session, PeerSocket socket, RoomName room, List<BusEvent.Signal> queued) {
    return roster.change(room, new RosterOps.Rebind(session.id().value(), roster.node(), session.tokenHash()))
        .compose(change -> change.done() ? Future.succeededFuture(change) : Future.failedFuture("the place is gone"))
        .onSuccess(change -> {
          session.attach(socket, change.after(), true, queued);
          log.info("Peer resumed room={} peer={} from={} queued={}", room, session.id(), socket.clientAddress(), queued.size());
        })
        .onFailure(problem -> session.depart("resume failed: " + problem))
        .mapEmpty();
  }

  /**
   * Nobody answered for the place, yet the roster listed the peer: the claim went by a stale route, or the
   * place's node died or hangs and no survivor has adopted its peers yet. Tries again (reading the roster
   * again) until someone answers, or the roster lets the peer go.
   */
  private Future<Void> retryIfUnanswered(
      PeerSocket socket, RoomName room, ResumeToken claim, long deadline, Throwable problem) {
    boolean unanswered = problem instanceof ReplyException reply && reply.failureType() == ReplyFailure.TIMEOUT;
    if (!unanswered || System.currentTimeMillis() > deadline || socket.closed()) return Future.failedFuture(problem);
    return vertx.timer(RETRY_MS).compose(v -> resume(socket, room, claim, deadline));
  }

  Places places() {
    return places;
  }

  Notices notices() {
    return notices;
  }

  Relay relay() {
    return relay;
  }

  public Access access() {
    return access;
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

  public Roster roster() {
    return roster;
  }

  Meters meters() {
    return meters;
  }

  JsonArray iceServers(PeerId peer) {
    return iceServers.forPeer(peer);
  }
}
