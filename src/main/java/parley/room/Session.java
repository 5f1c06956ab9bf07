package parley.room;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.cluster.BusEvent;
import parley.peer.PeerSocket;
import parley.protocol.ClientMessage;
import parley.protocol.CloseCode;
import parley.protocol.ErrorCode;
import parley.protocol.PeerId;
import parley.protocol.ProtocolException;
import parley.protocol.RoomName;
import parley.protocol.ServerMessage;
import parley.roster.RosterEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A peer's place in a room, confined to one event loop. It outlives its socket for the resume grace,
 * queueing what arrives meanwhile, and hands that over to the session that resumes it on any node.
 */
final class Session implements PeerSocket.Listener {
  private static final Logger log = LoggerFactory.getLogger(Session.class);

  private enum State { JOINING, ATTACHED, DETACHED, FORWARDING, ENDED }

  private final Rooms rooms;
  private final RoomName room;
  private final PeerId id;
  private final Others others;
  private final Backlog backlog = new Backlog();
  private final Subscriptions subscriptions;
  private Handover handover;
  private List<BusEvent> early = new ArrayList<>();
  private ResumeToken token; // until the welcome carries it; the place keeps only its hash
  private final String tokenHash;
  private Lobby lobby; // while the peer knocks at a locked room: what decides whether it comes in
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
    this.others = new Others(id);
    this.subscriptions = new Subscriptions(rooms, room, id);
    rooms.places().opened(room);
  }

  PeerId id() {
    return id;
  }

  String tokenHash() {
    return tokenHash;
  }

  /** Listens for this place's events (and answers claims on it); what arrives before the welcome waits, in order. */
  Future<Void> subscribe(boolean resuming) {
    return subscriptions.events(this::onBusEvent, resuming);
  }

  /** For a resume: claims the place on its peer's address; the old place's answer is a handover or a refusal. */
  Future<BusEvent> claim(ResumeToken claim) {
    return subscriptions.claim(claim);
  }

  /** Knocks at a locked room: the lobby holds the socket until the door decides; a verdict already here is given. */
  Optional<BusEvent.Verdict.Kind> knock(Lobby lobby) {
    this.lobby = lobby;
    var verdict = early.stream().filter(BusEvent.Verdict.class::isInstance).map(BusEvent.Verdict.class::cast).findFirst();
    verdict.ifPresent(early::remove);
    return verdict.map(BusEvent.Verdict::kind);
  }

  /**
   * Sends the welcome, then what was handed over, then what arrived meanwhile; then reads the socket.
   * A resumed host hears again of whoever knocks, since knocks are not queued while it is away.
   */
  void attach(PeerSocket socket, RosterEntry entry, boolean resumed, List<BusEvent.Signal> handedOver) {
    this.socket = socket;
    lobby = null;
    entry.peers().forEach(peer -> others.add(new PeerId(peer)));
    socket.send(Frames.welcome(id, room, entry, rooms, token.value(), resumed));
    token = null;
    state = State.ATTACHED;
    List<ServerMessage.Knock> knocks = resumed ? Frames.knocks(entry, id) : List.of();
    knocks.forEach(socket::send);
    if (resumed) backlog.dropRepeatsFor(rooms.vertx(), 2 * Handover.WINDOW_MS);
    handedOver.forEach(this::deliver);
    List<BusEvent> waiting = early;
    early = null;
    // what was also handed over is dropped as a repeat, and a knock just told of is not told again
    waiting.stream().filter(event -> !Frames.among(knocks, event)).forEach(this::onBusEvent);
    socket.listen(this);
  }

  /** Stops holding the place, telling nobody: on its own, for a join given up before anything was announced. */
  void end() {
    if (state == State.ENDED || state == State.FORWARDING) return;
    state = State.ENDED;
    rooms.vertx().cancelTimer(graceTimer);
    subscriptions.unregisterAll();
    rooms.places().closed(room);
  }

  @Override
  public void onMessage(ClientMessage message) {
    if (message instanceof ClientMessage.Leave) {
      socket.close(CloseCode.NORMAL, "left");
    } else if (message instanceof ClientMessage.HostAction action) {
      rooms.access().act(room, id, socket, action);
    } else if (!(message instanceof ClientMessage.Signal signal)) {
      socket.reject(new ProtocolException(ErrorCode.BAD_MESSAGE, "you are in the room already"));
    } else if (!rooms.relay().send(room, id, others, signal)) {
      socket.reject(new ProtocolException(ErrorCode.UNKNOWN_PEER, "no such peer in this room"));
    }
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
    rooms.leave(room, id, null);
    log.info("Peer left {} reason={}", label(), why);
  }

  /** Removed by a host or the operator: the roster let the peer go already. */
  private void kicked() {
    end();
    if (socket != null) socket.reject(new ProtocolException(ErrorCode.KICKED, "you were removed from the room"));
    log.info("Peer left {} reason=kicked", label());
  }

  /** Everything sent to this place's peer address. */
  private void onBusEvent(BusEvent event) {
    if (state == State.ENDED) return; // too late: the place is gone
    if (event instanceof BusEvent.Takeover claim) {
      onTakeover(claim);
      return;
    }
    if (state == State.JOINING) {
      if (lobby != null && event instanceof BusEvent.Verdict verdict) {
        lobby.decided(verdict.kind());
      } else {
        early.add(event);
      }
    } else if (state == State.FORWARDING) {
      handover.forward(event);
    } else if (event instanceof BusEvent.Signal signal) {
      deliver(signal);
    } else if (event instanceof BusEvent.Joined joined) {
      if (others.add(joined.peer())) tell(new ServerMessage.PeerJoined(joined.peer(), joined.name()));
    } else if (event instanceof BusEvent.Left left) {
      if (others.remove(left.peer())) tell(new ServerMessage.PeerLeft(left.peer()));
    } else if (event instanceof BusEvent.Verdict verdict) {
      if (verdict.kind() == BusEvent.Verdict.Kind.KICKED) kicked();
    } else if (event instanceof BusEvent.Door door && backlog.firstTime(door.id())) {
      tell(Frames.of(door));
    }
  }

  /** Writes the signal, timing it from its sender's frame to this write; queues it while the peer is away. */
  private void deliver(BusEvent.Signal signal) {
    if (!backlog.firstTime(signal.id())) return;
    if (state == State.ATTACHED && socket.send(signal.frame())) {
      rooms.meters().delivered(signal.sentMicros());
    } else {
      backlog.queue(signal);
    }
  }

  /** Membership changes are not queued: a resumed welcome carries the current peers. */
  private void tell(ServerMessage message) {
    if (state == State.ATTACHED) socket.send(message);
  }

  /**
   * A resume claims this place: with the right token, the socket is replaced and the queue handed over, ahead of
   * what is forwarded after it. A place already handed over, or a resume waiting for its own answer, stays silent.
   */
  private void onTakeover(BusEvent.Takeover claim) {
    if (state != State.ATTACHED && state != State.DETACHED) return;
    if (!Handover.accepts(claim, room, tokenHash)) {
      Handover.refuse(rooms.vertx(), claim);
      return;
    }
    state = State.FORWARDING;
    rooms.vertx().cancelTimer(graceTimer);
    rooms.places().closed(room);
    handover = Handover.start(rooms.vertx(), claim, this::endForwarding);
    if (socket != null && !socket.closed()) socket.close(CloseCode.REPLACED, "resumed on another socket");
    handover.forward(new BusEvent.Handover(backlog.queued()));
    log.info("Peer handed over {} queued={}", label(), backlog.size());
  }

  /**
   * The forwarding window is over. A handover that came too late for the resuming side left the place claimed
   * by nobody (its token hash is still this session's): then the peer is gone for good.
   */
  private void endForwarding() {
    state = State.ENDED;
    subscriptions.unregisterAll();
    rooms.leave(room, id, tokenHash).onSuccess(left -> {
      if (left) log.info("Peer left {} reason=handed over but never resumed", label());
    });
  }

  @Override
  public String label() {
    return "room=" + room + " peer=" + id;
  }
}
