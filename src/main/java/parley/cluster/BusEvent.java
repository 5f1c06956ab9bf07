package parley.cluster;

import parley.protocol.PeerId;
import parley.protocol.RoomName;

import java.util.List;

/** What travels between sessions over the event bus, locally or across nodes; {@link BusEventCodec} encodes each. */
public sealed interface BusEvent {


  /**
   * A relayed signal, already encoded as the frame receivers write.
   * {@code id} is random so a resuming session can drop what it was also handed in the old session's queue;
   * {@code sentMicros} is wall-clock based so latency can be measured across nodes.
   */
  record Signal(long id, PeerId from, String frame, long sentMicros) implements BusEvent {
  }

  /** {@code name}: null when the newcomer has none. */
  record Joined(PeerId peer, String name) implements BusEvent {
  }

  record Left(PeerId peer) implements BusEvent {
  }

  /**
   * A change of a room's door, told to one peer. {@code id} is random, like a signal's: a resuming place
   * gets an event both directly and forwarded by the old place, and writes it once.
   */
  sealed interface Door extends BusEvent {
    long id();
  }

  /** The room's hosts are now {@code ids}. */
  record Hosts(long id, List<PeerId> ids) implements Door {
    public Hosts {
      ids = List.copyOf(ids);
    }
  }

  record RoomLocked(long id, boolean locked) implements Door {
  }

  /** To a host: {@code peer} knocks ({@code name} null when it has none). */
  record Knock(long id, PeerId peer, String name) implements Door {
  }

  /** To a host: {@code peer} knocks no longer. */
  record KnockEnded(long id, PeerId peer) implements Door {
  }

  /** To a knocker or a member: what the room's door decided for it. */
  record Verdict(Kind kind) implements BusEvent {
    public enum Kind { ADMITTED, DENIED, FULL, KICKED }
  }

  /**
   * A resume claims a place from the session holding it: the token the client presented, the room it
   * reconnected to, and the new place's incarnation address, where the answer goes and the old place
   * forwards what still arrives after the move.
   */
  record Takeover(String token, RoomName room, String forward) implements BusEvent {
  }

  /** The old place's answer to a valid {@link Takeover}: what was queued for the peer, oldest first. */
  record Handover(List<Signal> queue) implements BusEvent {
    public Handover {
      queue = List.copyOf(queue);
    }
  }

  /** The place's answer to a {@link Takeover} with a wrong token or for another room. */
  record Refused() implements BusEvent {
  }
}
