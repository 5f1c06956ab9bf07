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

  /** A host action: only a host of the room may send it. */
  sealed interface HostAction extends ClientMessage {
  }

  /** Locks the room; {@code password} (1 to 64 characters) lets a knocker in by itself; null for none. */
  record Lock(String password) implements HostAction {
    @Override
    public String toString() {
      return "Lock[password=" + (password != null) + "]"; // never the password itself
    }
  }

  record Unlock() implements HostAction {
  }

  /** Removes a peer of the room. */
  record Kick(String to) implements HostAction {
  }

  /** Lets a knocking newcomer in. */
  record Admit(String to) implements HostAction {
  }

  /** Turns a knocking newcomer away. */
  record Deny(String to) implements HostAction {
  }

  /** A knocker's guess at the lock's password. */
  record Password(String value) implements ClientMessage {
    @Override
    public String toString() {
      return "Password[…]";
    }
  }
}
