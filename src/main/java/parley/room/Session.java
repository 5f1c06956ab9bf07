package parley.room;

import io.vertx.core.Future;
import io.vertx.core.Handler;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A peer's place in a room, confined to one event loop. It outlives its socket for the resume grace,
 * queueing what arrives meanwhile, and hands that over to the session that resumes it on any node.
 */
final class Session implements PeerSocket.Listener {
  private static final Logger log = LoggerFactory.getLogger(Session.class);
  static final int QUEUE_LIMIT = 64;

  private enum State { JOINING, ATTACHED, DETACHED, FORWARDING, ENDED }

  private final Rooms rooms;
  private final RoomName room;
  private final PeerId id;
  private final SplittableRandom random = new SplittableRandom();
  /** The other peers by id, in the order they joined; {@link #othersList} is its copy for relaying. */
  private final Map<String, PeerId> others = new LinkedHashMap<>();
  private List<PeerId> othersList = List.of();
  private final ArrayDeque<BusEvent.Signal> queued = new ArrayDeque<>();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  /** Only while a resume's handover and forwarding may bring a signal twice; null otherwise (it costs per message). */
  private RecentIds seen;
  private final String incarnation = Long.toHexString(new SplittableRandom().nextLong());
  private MessageConsumer<JsonObject> takeovers;
  private Forwarder forwarder;
  private List<BusEvent> early = new ArrayList<>();
  private final ResumeToken token;
  private final String tokenHash;
  private State state;
  private PeerSocket socket;
  private long graceTimer = -1;

  /** A place for a socket about to join or resume, with a fresh token. */
  Session(Rooms rooms, RoomName room, PeerId id) {
    this(rooms, room, id, ResumeToken.fresh(id), null, State.JOINING);
  }

  /** The place of a peer whose node died: no socket, only its grace, its queue and the hash of its token. */
  static Session orphan(Rooms rooms, RoomName room, PeerId id, String tokenHash) {
    var session = new Session(rooms, room, id, null, tokenHash, State.DETACHED);
    session.early = null;
    session.startGrace("its node was lost");
    return session;
  }

  private Session(Rooms rooms, RoomName room, PeerId id, ResumeToken token, String tokenHash, State state) {
    this.rooms = rooms;
    this.room = room;
    this.id = id;
    this.token = token;
    this.tokenHash = token != null ? token.hash() : tokenHash;
    this.state = state;
    rooms.opened(room);
  }

  PeerId id() {
    return id;
  }

  String tokenHash() {
    return tokenHash;
  }

  /**
   * Subscribes to this peer's address, and for a resume to this incarnation's (where the old place
   * forwards late arrivals); what arrives before the welcome waits, in order.
   */
  Future<Void> subscribe(boolean resuming) {
    MessageConsumer<BusEvent> events = consume(Addresses.peer(room, id), m -> onBusEvent(m.body()));
    if (!resuming) return events.completion();
    MessageConsumer<BusEvent> forwarded = consume(incarnationAddress(), m -> {
      onBusEvent(m.body());
      m.reply(null);
    });
    return Future.all(events.completion(), forwarded.completion()).mapEmpty();
  }

  /** Every consumer of a session is made here and counted, so a leaked one shows in parley_bus_consumers. */
  private <T> MessageConsumer<T> consume(String address, Handler<Message<T>> handler) {
    MessageConsumer<T> consumer = rooms.bus().consumer(address, handler);
    consumers.add(consumer);
    rooms.busConsumers(1);
    return consumer;
  }

  private void unregister(MessageConsumer<?> consumer) {
    if (consumers.remove(consumer)) {
      consumer.unregister();
      rooms.busConsumers(-1);
    }
  }

  private void unregisterAll() {
    List.copyOf(consumers).forEach(this::unregister);
  }

  String incarnationAddress() {
    return Addresses.incarnation(room, id, incarnation);
  }

  /** Tells each of {@code peers} about this peer; on their addresses, so it precedes anything this peer sends them. */
  void announce(List<PeerId> peers, BusEvent event) {
    for (PeerId peer : peers) {
      if (!peer.equals(id)) publishTo(peer, event);
    }
  }

  private void publishTo(PeerId peer, BusEvent event) {
    rooms.bus().publish(Addresses.peer(room, peer), event, BusEventCodec.DELIVERY);
  }

  /** From now on this session answers resume requests for its peer. */
  Future<Void> acceptTakeovers() {
    takeovers = consume(Addresses.session(id), this::onTakeover);
    return takeovers.completion();
  }

  /** Sends the welcome, then what was handed over, then what arrived meanwhile; then reads the socket. */
  void attach(PeerSocket socket, List<PeerId> peers, boolean resumed, List<BusEvent.Signal> handedOver) {
    this.socket = socket;
    peers.forEach(this::addOther);
    socket.send(new ServerMessage.Welcome(id, room, othersList, rooms.iceServers(id),
        rooms.settings().iceTransportPolicy(), token.value(), resumed));
    state = State.ATTACHED;
    if (resumed) {
      seen = new RecentIds();
      rooms.vertx().setTimer(2 * Forwarder.WINDOW_MS, timer -> seen = null);
    }
    for (BusEvent.Signal signal : handedOver) {
      seen.firstTime(signal.id());
      if (!socket.send(signal.frame())) queue(signal);
    }
    List<BusEvent> waiting = early;
    early = null;
    waiting.forEach(this::onBusEvent); // what was also handed over is in seen, and dropped
    socket.listen(this, label());
  }

  /** Gives up before joining: nothing was announced, so nothing is undone but the subscriptions. */
  void abandon() {
    end();
  }

  private void end() {
    if (state == State.ENDED || state == State.FORWARDING) return;
    state = State.ENDED;
    rooms.vertx().cancelTimer(graceTimer);
    unregisterAll();
    rooms.closed(room);
  }

  /** The place moved: stop holding it, but pass on what still arrives here for a while. */
  private void forwardTo(String target) {
    state = State.FORWARDING;
    rooms.vertx().cancelTimer(graceTimer);
    rooms.closed(room);
    unregister(takeovers);
    forwarder = new Forwarder(rooms.vertx(), target);
    rooms.vertx().setTimer(Forwarder.WINDOW_MS, timer -> {
      state = State.ENDED;
      unregisterAll();
      leaveIfNeverResumed();
    });
  }

  /**
   * A handover whose reply came too late for the resuming side leaves the place claimed by nobody: its
   * token hash is still this session's. Then the peer is gone for good, and the others hear it.
   */
  private void leaveIfNeverResumed() {
    rooms.roster().leaveUnclaimed(room, id, tokenHash).onSuccess(remaining -> {
      if (remaining.isEmpty()) return;
      announce(remaining, new BusEvent.Left(id));
      log.info("Peer left {} reason=handed over but never resumed", label());
    });
  }

  @Override
  public void onMessage(ClientMessage message) {
    if (message instanceof ClientMessage.Leave) {
      socket.close(CloseCode.NORMAL, "left");
      return;
    }
    var signal = (ClientMessage.Signal) message;
    PeerId target = null;
    if (!signal.broadcast()) {
      target = others.get(signal.to());
      if (target == null) {
        socket.reject(new ProtocolException(ErrorCode.UNKNOWN_PEER, "no such peer in this room"));
        return;
      }
    }
    // encoded once, whatever the number of receivers; shared by reference on this node
    String frame = Codec.encode(new ServerMessage.Relayed(signal.type(), id, signal.data()));
    var event = new BusEvent.Signal(random.nextLong(), id, frame, Meters.nowMicros());
    if (target != null) {
      publishTo(target, event);
    } else {
      announce(othersList, event);
    }
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
    startGrace("close " + how.code());
  }

  private void startGrace(String why) {
    long graceMs = rooms.settings().resumeGrace().toMillis();
    log.info("Peer lost, holding its place for {} ms {} reason={}", graceMs, label(), why);
    graceTimer = rooms.vertx().setTimer(graceMs, timer -> depart("resume grace expired"));
  }

  /** Leaves the room for good: the others hear peer-left. */
  void depart(String why) {
    if (state == State.ENDED) return;
    end();
    rooms.roster().leave(room, id).onSuccess(remaining -> announce(remaining, new BusEvent.Left(id)));
    log.info("Peer left {} reason={}", label(), why);
  }

  private void onBusEvent(BusEvent event) {
    if (state == State.JOINING) {
      early.add(event);
    } else if (state == State.ENDED) {
      return;
    } else if (state == State.FORWARDING) {
      forwarder.forward(event);
    } else if (event instanceof BusEvent.Signal signal) {
      deliver(signal);
    } else if (event instanceof BusEvent.Joined joined) {
      if (addOther(joined.peer())) tell(new ServerMessage.PeerJoined(joined.peer()));
    } else if (event instanceof BusEvent.Left left) {
      if (removeOther(left.peer())) tell(new ServerMessage.PeerLeft(left.peer()));
    }
  }

  private boolean addOther(PeerId peer) {
    if (peer.equals(id) || others.putIfAbsent(peer.value(), peer) != null) return false;
    othersList = List.copyOf(others.values());
    return true;
  }

  private boolean removeOther(PeerId peer) {
    if (others.remove(peer.value()) == null) return false;
    othersList = List.copyOf(others.values());
    return true;
  }

  private void deliver(BusEvent.Signal signal) {
    if (seen != null && !seen.firstTime(signal.id())) return;
    if (state == State.ATTACHED && socket.send(signal.frame())) {
      if (Meters.sampled(signal.id())) rooms.meters().delivered(signal.sentMicros());
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
        && ResumeToken.matches(claim.getString("token"), tokenHash) && room.value().equals(claim.getString("room"));
    if (!valid) {
      request.fail(403, "refused");
      return;
    }
    forwardTo(claim.getString("forward"));
    if (socket != null && !socket.closed()) socket.close(CloseCode.REPLACED, "resumed on another socket");
    JsonArray handedOver = new JsonArray();
    queued.forEach(signal -> handedOver.add(new JsonObject()
        .put("id", signal.id()).put("from", signal.from().value())
        .put("frame", signal.frame()).put("sent", signal.sentMicros())));
    request.reply(new JsonObject().put("queue", handedOver));
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
