package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.cluster.Addresses;
import parley.cluster.BusEvent;
import parley.cluster.BusEventCodec;
import parley.config.Settings;
import parley.metrics.Meters;
import parley.peer.PeerSocket;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Admits sockets into rooms, as new peers or by resuming a place held anywhere in the cluster. */
public final class Rooms {
  private static final Logger log = LoggerFactory.getLogger(Rooms.class);
  private static final DeliveryOptions TAKEOVER = new DeliveryOptions().setSendTimeout(5_000);

  private final Vertx vertx;
  private final Settings settings;
  private final Roster roster;
  private final Meters meters;
  private final IceServers iceServers;

  public Rooms(Vertx vertx, Settings settings, Roster roster, Meters meters) {
    this.vertx = vertx;
    this.settings = settings;
    this.roster = roster;
    this.meters = meters;
    this.iceServers = new IceServers(settings, Clock.systemUTC());
  }

  /** Resumes the place {@code resumeToken} names if it is still held, else joins as a new peer. */
  public Future<Void> admit(PeerSocket socket, RoomName room, String resumeToken) {
    Optional<ResumeToken> claim = settings.resumeEnabled() ? ResumeToken.parse(resumeToken) : Optional.empty();
    return claim.map(token -> resume(socket, room, token).recover(refused -> join(socket, room)))
        .orElseGet(() -> join(socket, room));
  }

  private Future<Void> join(PeerSocket socket, RoomName room) {
    var session = new Session(this, room, PeerId.random());
    return session.subscribe()
        .compose(v -> session.acceptTakeovers())
        .compose(v -> roster.join(room, session.id(), settings.roomCapacity()))
        .onSuccess(peers -> {
          bus().publish(Addresses.room(room), new BusEvent.Joined(session.id()), BusEventCodec.DELIVERY);
          session.attach(socket, peers, false, List.of());
          log.info("Peer joined room={} peer={} from={} others={}", room, session.id(), socket.clientAddress(), peers.size());
        })
        .onFailure(problem -> {
          session.abandon();
          if (problem instanceof Roster.RoomFullException) {
            log.info("Room full room={} from={}", room, socket.clientAddress());
            socket.reject(new ProtocolException(ErrorCode.ROOM_FULL, "this room already has " + settings.roomCapacity() + " peers"));
          } else {
            log.error("Join failed room={}: {}", room, problem.toString());
            socket.close(parley.protocol.CloseCode.SERVICE_RESTART, "try again");
          }
        })
        .mapEmpty();
  }

  private Future<Void> resume(PeerSocket socket, RoomName room, ResumeToken claim) {
    var session = new Session(this, room, claim.peer());
    JsonObject request = new JsonObject().put("token", claim.value()).put("room", room.value());
    return session.subscribe()
        .compose(v -> bus().<JsonObject>request(Addresses.session(claim.peer()), request, TAKEOVER))
        .onFailure(refused -> session.abandon())
        .compose(reply -> session.acceptTakeovers()
            .compose(v -> roster.members(room))
            .onSuccess(members -> {
              List<BusEvent.Signal> queued = Session.handedOver(reply.body());
              session.attach(socket, members, true, queued);
              log.info("Peer resumed room={} peer={} from={} queued={}", room, claim.peer(), socket.clientAddress(), queued.size());
            })
            .onFailure(problem -> session.depart("resume failed: " + problem)))
        .mapEmpty();
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
