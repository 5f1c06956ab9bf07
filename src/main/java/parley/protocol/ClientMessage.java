package parley.protocol;

/** What a client may send, parsed once at the edge by {@link Codec}. */
public sealed interface ClientMessage {

  /**
   * An offer, answer or candidate for {@code to}, or for every other peer when {@code to} is null.
   * {@code data} is the JSON text of the value exactly as the sender wrote it (checked, never rebuilt).
   */
  record Signal(SignalType type, String to, String data) implements ClientMessage {
    public boolean broadcast() {
      return to == null;
    }
  }

  /** The peer leaves the room now. */
  record Leave() implements ClientMessage {
  }
}
