package parley.room;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.cluster.BusEvent.Verdict.Kind;
import parley.peer.PeerSocket;
import parley.protocol.ClientMessage;
import parley.protocol.CloseCode;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.RoomName;
import parley.protocol.ServerMessage;
import parley.roster.RosterEntry;
import parley.roster.RosterOps;
import parley.roster.Transition;

import java.util.List;

/**
 * A newcomer knocking at a locked room: it holds the socket, which may only give the password or leave,
 * until a host (or the right password, or the room unlocking) lets it in, a host turns it away, three
 * wrong passwords or KNOCK_TIMEOUT_MS pass. Its session waits meanwhile, already listening for the room.
 */
final class Lobby implements PeerSocket.Listener {
  private static final Logger log = LoggerFactory.getLogger(Lobby.class);
  private static final int STRIKES = 3;

  private final Rooms rooms;
  private final Session session;
  private final PeerSocket socket;
  private final RoomName room;
  private final boolean password;
  private boolean waiting = true;
  private int wrongPasswords;
  private long timer;

  Lobby(Rooms rooms, Session session, PeerSocket socket, RoomName room, boolean password) {
    this.rooms = rooms;
    this.session = session;
    this.socket = socket;
    this.room = room;
    this.password = password;
  }

  void open() {
    var alreadyDecided = session.knock(this); // the door may have decided before this node heard it knocks
    socket.send(new ServerMessage.Lobby(session.id(), room, password));
    timer = rooms.vertx().setTimer(rooms.settings().knockTimeout().toMillis(),
        t -> turnAway("nobody let you in in time", "timed out"));
    rooms.meters().access("knock", 1);
    log.info("Peer knocks room={} peer={} from={} password={}", room, session.id(), socket.clientAddress(), password);
    socket.listen(this);
    alreadyDecided.ifPresent(this::decided);
  }

  @Override
  public void onMessage(ClientMessage message) {
    if (!waiting) return;
    if (message instanceof ClientMessage.Leave) {
      socket.close(CloseCode.NORMAL, "left");
    } else if (message instanceof ClientMessage.Password guess) {
      var knock = new RosterOps.Knock(session.id().value(), guess.value(), rooms.settings().roomCapacity(), rooms.settings().joinTokens());
      rooms.roster().change(room, knock).onSuccess(this::answered);
    } else {
      socket.reject(new ProtocolException(ErrorCode.BAD_MESSAGE, "you are waiting to be let in: send a password or leave"));
    }
  }

  /** The room's answer to a password; a right one lets the knocker in through the same verdict a host's admit sends. */
  private void answered(Transition change) {
    if (!waiting) return;
    switch (change.verdict()) {
      case DONE -> rooms.notices().tell(room, change);
      case FULL -> {
        rooms.notices().tell(room, change);
        decided(Kind.FULL);
      }
      case BAD_PASSWORD -> {
        if (++wrongPasswords >= STRIKES) {
          turnAway("three wrong passwords", "three wrong passwords");
        } else {
          socket.reject(new ProtocolException(ErrorCode.BAD_PASSWORD, "wrong password"));
        }
      }
      default -> { } // no longer knocking: the door's verdict is on its way
    }
  }

  /** What the door decided, told on the session's address (or here, for a password). */
  void decided(Kind kind) {
    if (!waiting) return;
    waiting = false;
    rooms.vertx().cancelTimer(timer);
    switch (kind) {
      case ADMITTED -> {
        rooms.meters().access("admit", 1);
        log.info("Peer admitted room={} peer={}", room, session.id());
        rooms.roster().entry(room).onComplete(read -> enter(read.succeeded() ? read.result() : null));
      }
      case DENIED -> refuse(ErrorCode.DENIED, "a host turned you away", "denied by a host");
      case FULL -> refuse(ErrorCode.ROOM_FULL, "this room is full", "room full");
      case KICKED -> refuse(ErrorCode.KICKED, "you were removed", "removed by the operator");
    }
  }

  /** In, as any newcomer: the others hear of it from here first, then its welcome; unless it was removed meanwhile. */
  private void enter(RosterEntry entry) {
    if (entry == null) { // the roster did not answer: out again, and the client may knock anew
      session.end();
      rooms.leave(room, session.id(), null);
      socket.close(CloseCode.SERVICE_RESTART, "try again");
      return;
    }
    var member = entry.member(session.id().value());
    if (member.isEmpty()) {
      session.end();
      socket.reject(new ProtocolException(ErrorCode.KICKED, "you were removed before you came in"));
      return;
    }
    rooms.notices().arrived(room, entry, member.get());
    session.attach(socket, entry, false, List.of());
  }

  @Override
  public void onClosed(CloseCode how) {
    if (!waiting) return;
    waiting = false;
    rooms.vertx().cancelTimer(timer);
    stopKnocking();
    session.end();
    log.info("Knocker left room={} peer={} reason=gave up", room, session.id());
  }

  @Override
  public String label() {
    return "room=" + room + " knocker=" + session.id();
  }

  /** Timed out or out of guesses: the knocker goes, and the hosts hear it. */
  private void turnAway(String message, String why) {
    if (!waiting) return;
    waiting = false;
    rooms.vertx().cancelTimer(timer);
    stopKnocking();
    refuse(ErrorCode.DENIED, message, why);
  }

  private void refuse(ErrorCode code, String message, String why) {
    if (code == ErrorCode.DENIED) rooms.meters().access("deny", 1);
    log.info("Knocker turned away room={} peer={} reason={}", room, session.id(), why);
    session.end();
    socket.reject(new ProtocolException(code, message));
  }

  /** Off the roster's list of knockers; let in meanwhile (a race with a host's admit), it leaves the room again. */
  private void stopKnocking() {
    rooms.roster().change(room, new RosterOps.StopKnocking(session.id().value())).onSuccess(change -> {
      if (change.done()) {
        rooms.notices().tell(room, change);
      } else {
        rooms.leave(room, session.id(), null);
      }
    });
  }
}
