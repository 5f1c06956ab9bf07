package parley.cluster;

import parley.room.PeerId;

/** What travels between sessions over the event bus, locally or across nodes. */
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
}
