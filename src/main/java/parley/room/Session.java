package parley.room;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.cluster.Addresses;
import parley.cluster.BusEvent;
import parley.cluster.BusEventCodec;
import parley.metrics.Meters;
import parley.peer.PeerSocket;
import parley.protocol.ClientMessage;
import parley.protocol.CloseCode;
import parley.protocol.Codec;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.ServerMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A peer's place in a room, confined to one event loop. It outlives its socket for the resume grace,
 * queueing what arrives meanwhile, and hands that over to the session that resumes it on any node.
 */
final class Session implements PeerSocket.Listener {
  private static final Logger log = LoggerFactory.getLogger(Session.class);
  static final int QUEUE_LIMIT = 64;

  private enum State { JOINING, ATTACHED, DETACHED, ENDED }

  private final Rooms rooms;
  private final RoomName room;
  private final PeerId id;
  private final SplittableRandom random = new SplittableRandom();
  private final Set<PeerId> others = new LinkedHashSet<>();
  private final ArrayDeque<BusEvent.Signal> queued = new ArrayDeque<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private List<BusEvent> early = new ArrayList<>();
  private State state = State.JOINING;
  private PeerSocket socket;
  private ResumeToken token;
  private long graceTimer = -1;

  Session(Rooms rooms, RoomName room, PeerId id) {
    this.rooms = rooms;
    this.room = room;
    this.id = id;
  }

  PeerId id() {
    return id;
  }

  /** Subscribes to the room's and this peer's addresses; what arrives before the welcome waits, in order. */
  Future<Void> subscribe() {
    MessageConsumer<BusEvent> roomEvents = rooms.bus().consumer(Addresses.room(room), m -> onBusEvent(m.body()));
    MessageConsumer<BusEvent> peerEvents = rooms.bus().consumer(Addresses.peer(id), m -> onBusEvent(m.body()));
    consumers.add(roomEvents);
    consumers.add(peerEvents);
    return Future.all(roomEvents.completion(), peerEvents.completion()).mapEmpty();
  }

  /** From now on this session answers resume requests for its peer. */
  Future<Void> acceptTakeovers() {
    MessageConsumer<JsonObject> takeovers = rooms.bus().consumer(Addresses.session(id), this::onTakeover);
    consumers.add(takeovers);
    return takeovers.completion();
  }

  /** Sends the welcome, then what was handed over, then what arrived meanwhile; then reads the socket. */
  void attach(PeerSocket socket, List<PeerId> peers, boolean resumed, List<BusEvent.Signal> handedOver) {
    this.socket = socket;
    this.token = ResumeToken.fresh(id);
    peers.stream().filter(peer -> !peer.equals(id)).forEach(others::add);
    socket.send(new ServerMessage.Welcome(id, room, List.copyOf(others), rooms.iceServers(id),
        rooms.settings().iceTransportPolicy(), token.value(), resumed));
    state = State.ATTACHED;
    Set<Long> delivered = new HashSet<>();
    for (BusEvent.Signal signal : handedOver) {
      delivered.add(signal.id());
      if (!socket.send(signal.frame())) queue(signal);
    }
    List<BusEvent> waiting = early;
    early = null;
    for (BusEvent event : waiting) {
      if (!(event instanceof BusEvent.Signal signal && delivered.contains(signal.id()))) onBusEvent(event);
    }
    socket.listen(this, label());
  }

  /** Gives up before joining: nothing was announced, so nothing is undone but the subscriptions. */
  void abandon() {
    state = State.ENDED;
    consumers.forEach(MessageConsumer::unregister);
  }

  @Override
  public void onMessage(ClientMessage message) {
    if (message instanceof ClientMessage.Leave) {
      socket.close(CloseCode.NORMAL, "left");
      return;
    }
    var signal = (ClientMessage.Signal) message;
    String address = Addresses.room(room);
    if (!signal.broadcast()) {
      PeerId target = PeerId.parse(signal.to()).filter(others::contains).orElse(null);
      if (target == null) {
        socket.reject(new ProtocolException(ErrorCode.UNKNOWN_PEER, "no such peer in this room"));
        return;
      }
      address = Addresses.peer(target);
    }
    String frame = Codec.encode(new ServerMessage.Relayed(signal.type(), id, signal.data()));
    rooms.bus().publish(address, new BusEvent.Signal(random.nextLong(), id, frame, Meters.nowMicros()),
        BusEventCodec.DELIVERY);
    rooms.meters().relayed(signal.type());
  }

  @Override
  public void onClosed(CloseCode how) {
    if (state != State.ATTACHED) return;
    if (how.departure() || !rooms.settings().resumeEnabled()) {
      depart(how == CloseCode.NORMAL ? "left" : "closed " + how.code());
      return;
    }
    state = State.DETACHED;
    long graceMs = rooms.settings().resumeGrace().toMillis();
    log.info("Peer lost, holding its place for {} ms {} close={}", graceMs, label(), how.code());
    graceTimer = rooms.vertx().setTimer(graceMs, timer -> depart("resume grace expired"));
  }

  /** Leaves the room for good: the others hear peer-left. */
  void depart(String why) {
    if (state == State.ENDED) return;
    state = State.ENDED;
    rooms.vertx().cancelTimer(graceTimer);
    consumers.forEach(MessageConsumer::unregister);
    rooms.roster().leave(room, id).onSuccess(wasThere -> {
      if (wasThere) rooms.bus().publish(Addresses.room(room), new BusEvent.Left(id), BusEventCodec.DELIVERY);
    });
    log.info("Peer left {} reason={}", label(), why);
  }

  private void onBusEvent(BusEvent event) {
    if (state == State.JOINING) {
      early.add(event);
    } else if (state == State.ENDED) {
      return;
    } else if (event instanceof BusEvent.Signal signal) {
      if (!signal.from().equals(id)) deliver(signal);
    } else if (event instanceof BusEvent.Joined joined) {
      if (!joined.peer().equals(id) && others.add(joined.peer())) tell(new ServerMessage.PeerJoined(joined.peer()));
    } else if (event instanceof BusEvent.Left left) {
      if (others.remove(left.peer())) tell(new ServerMessage.PeerLeft(left.peer()));
    }
  }

  private void deliver(BusEvent.Signal signal) {
    if (state == State.ATTACHED && socket.send(signal.frame())) {
      rooms.meters().delivered(signal.sentMicros());
    } else {
      queue(signal);
    }
  }

  /** Membership changes are not queued: a resumed welcome carries the current peers. */
  private void tell(ServerMessage message) {
    if (state == State.ATTACHED) socket.send(message);
  }

  private void queue(BusEvent.Signal signal) {
    if (queued.size() == QUEUE_LIMIT) queued.removeFirst();
    queued.addLast(signal);
  }

  private void onTakeover(Message<JsonObject> request) {
    JsonObject claim = request.body();
    boolean valid = (state == State.ATTACHED || state == State.DETACHED)
        && token.matches(claim.getString("token")) && room.value().equals(claim.getString("room"));
    if (!valid) {
      request.fail(403, "refused");
      return;
    }
    state = State.ENDED;
    rooms.vertx().cancelTimer(graceTimer);
    if (!socket.closed()) socket.close(CloseCode.REPLACED, "resumed on another socket");
    JsonArray handedOver = new JsonArray();
    queued.forEach(signal -> handedOver.add(new JsonObject()
        .put("id", signal.id()).put("from", signal.from().value())
        .put("frame", signal.frame()).put("sent", signal.sentMicros())));
    request.reply(new JsonObject().put("queue", handedOver));
    consumers.forEach(MessageConsumer::unregister);
    log.info("Peer handed over {} queued={}", label(), queued.size());
  }

  static List<BusEvent.Signal> handedOver(JsonObject reply) {
    List<BusEvent.Signal> signals = new ArrayList<>();
    for (Object item : reply.getJsonArray("queue", new JsonArray())) {
      JsonObject json = (JsonObject) item;
      signals.add(new BusEvent.Signal(json.getLong("id"), new PeerId(json.getString("from")),
          json.getString("frame"), json.getLong("sent")));
    }
    return signals;
  }

  private String label() {
    return "room=" + room + " peer=" + id;
  }
}
