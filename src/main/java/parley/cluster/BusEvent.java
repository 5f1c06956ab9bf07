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

  record Joined(PeerId peer) implements BusEvent {
  }

  record Left(PeerId peer) implements BusEvent {
  }

  /**
   * A resume asks the session holding a place for it: the token the client presented, the room it
   * reconnected to, and where the old place should forward what still arrives after the move.
   */
  record Takeover(String token, RoomName room, String forward) implements BusEvent {
  }

  /** The old place's answer to a valid {@link Takeover}: what was queued for the peer, oldest first. */
  record Handover(List<Signal> queue) implements BusEvent {
    public Handover {
      queue = List.copyOf(queue);
    }
  }
}
