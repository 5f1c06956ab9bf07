package parley.room;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.cluster.BusEvent.Verdict.Kind;
import parley.peer.PeerSocket;
import parley.protocol.ClientMessage;
import parley.protocol.ErrorCode;
import parley.protocol.PeerId;
import parley.protocol.ProtocolException;
import parley.protocol.RoomName;
import parley.roster.Password;
import parley.roster.RosterEntry;
import parley.roster.RosterOp;
import parley.roster.RosterOps;
import parley.roster.Transition;

/**
 * Who may enter a room, decided by its hosts or the operator: lock, unlock, kick, admit and deny. Each is
 * one atomic change to the roster, which checks the actor is a host; then everyone concerned is told.
 */
public final class Access {
  private static final Logger log = LoggerFactory.getLogger(Access.class);

  private final Rooms rooms;

  Access(Rooms rooms) {
    this.rooms = rooms;
  }

  /** A host action from {@code actor}'s socket: refused with not-host or unknown-peer, else done and told. */
  void act(RoomName room, PeerId actor, PeerSocket socket, ClientMessage.HostAction action) {
    String target = targetOf(action);
    rooms.roster().change(room, op(actor.value(), action)).onSuccess(change -> {
      switch (change.verdict()) {
        case NOT_HOST -> socket.reject(new ProtocolException(ErrorCode.NOT_HOST, "only a host of the room may do that"));
        case UNKNOWN -> socket.reject(new ProtocolException(ErrorCode.UNKNOWN_PEER, action instanceof ClientMessage.Kick
            ? "no such peer in this room" : "nobody of that id is knocking"));
        default -> {
          done(room, change, action, target);
          log.info("Host acted room={} peer={} action={}{}", room, actor, name(action), target == null ? "" : " target=" + target);
        }
      }
    }).onFailure(problem -> log.error("Host action failed room={} peer={}: {}", room, actor, problem.toString()));
  }

  /** The operator removes a peer, as a host would; false when it is not in the room. */
  public Future<Boolean> remove(RoomName room, String peer) {
    var kick = new ClientMessage.Kick(peer);
    return rooms.roster().change(room, new RosterOps.Kick(null, peer, capacity(), tokens())).map(change -> {
      if (!change.done()) return false;
      done(room, change, kick, peer);
      log.info("Operator removed room={} peer={}", room, peer);
      return true;
    });
  }

  /** The operator empties the room: every peer and knocker is removed; false when nobody was there. */
  public Future<Boolean> clear(RoomName room) {
    return rooms.roster().change(room, new RosterOps.Clear()).map(change -> {
      if (!change.done()) return false;
      RosterEntry before = change.before();
      before.peers().forEach(peer -> rooms.notices().verdict(room, peer, Kind.KICKED));
      before.knockers().forEach(knocker -> rooms.notices().verdict(room, knocker.peer(), Kind.KICKED));
      rooms.meters().access("kick", before.members().size() + before.knockers().size());
      log.info("Operator cleared room={} peers={} knocking={}", room, before.members().size(), before.knockers().size());
      return true;
    });
  }

  private void done(RoomName room, Transition change, ClientMessage.HostAction action, String target) {
    rooms.notices().tell(room, change);
    boolean lockAction = action instanceof ClientMessage.Lock || action instanceof ClientMessage.Unlock;
    if (lockAction && change.before().locked() == change.after().locked()) {
      rooms.notices().lockState(room, change.after()); // every lock or unlock is answered, changed or not
    } else if (action instanceof ClientMessage.Kick) {
      rooms.notices().verdict(room, target, Kind.KICKED);
      rooms.meters().access("kick", 1);
    } else if (action instanceof ClientMessage.Deny) {
      rooms.notices().verdict(room, target, Kind.DENIED);
    } else if (action instanceof ClientMessage.Admit && change.verdict() == Transition.Verdict.FULL) {
      rooms.notices().verdict(room, target, Kind.FULL);
    } else if (action instanceof ClientMessage.Unlock) { // whoever found no space is turned away
      change.before().knockers().stream().filter(k -> change.after().member(k.peer()).isEmpty())
          .forEach(k -> rooms.notices().verdict(room, k.peer(), Kind.FULL));
    }
  }

  private RosterOp op(String host, ClientMessage.HostAction action) {
    if (action instanceof ClientMessage.Lock lock) {
      String salt = lock.password() == null ? null : Password.salt();
      return new RosterOps.Lock(host, salt, salt == null ? null : Password.hash(salt, lock.password()));
    }
    if (action instanceof ClientMessage.Unlock) return new RosterOps.Unlock(host, capacity(), tokens());
    if (action instanceof ClientMessage.Kick kick) return new RosterOps.Kick(host, kick.to(), capacity(), tokens());
    if (action instanceof ClientMessage.Admit admit) return new RosterOps.Admit(host, admit.to(), capacity(), tokens());
    return new RosterOps.Deny(host, ((ClientMessage.Deny) action).to());
  }

  private static String targetOf(ClientMessage.HostAction action) {
    if (action instanceof ClientMessage.Kick kick) return kick.to();
    if (action instanceof ClientMessage.Admit admit) return admit.to();
    if (action instanceof ClientMessage.Deny deny) return deny.to();
    return null;
  }

  /** For logs: the action's wire type, never its password. */
  private static String name(ClientMessage.HostAction action) {
    return action.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  private int capacity() {
    return rooms.settings().roomCapacity();
  }

  private boolean tokens() {
    return rooms.settings().joinTokens();
  }
}
