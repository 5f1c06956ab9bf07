package parley.protocol;

/** WebSocket close codes the server sends, and whether each one ends the peer's place in the room. */
public enum CloseCode {
  /** The socket stays open. */
  NONE(0, false),
  /** The peer left ({@code leave}). */
  NORMAL(1000, true),
  /** A frame over MAX_MESSAGE_BYTES. */
  TOO_LARGE(1009, true),
  /** The node is draining: the client should reconnect elsewhere and resume. */
  SERVICE_RESTART(1012, false),
  /** The client could not keep up with its own messages; it may come back and resume. */
  TRY_AGAIN_LATER(1013, false),
  /** Not sent: the connection was lost (abnormal close, idle timeout, or a client close other than 1000). */
  LOST(1006, false),
  /** The room was full; the peer never joined. */
  ROOM_FULL(4001, true),
  /** A newer socket resumed this peer's place. */
  REPLACED(4002, false),
  /** Removed by a host or the operator, or turned away at a locked room: do not reconnect. */
  REMOVED(4003, true);

  private final short code;
  private final boolean departure;

  CloseCode(int code, boolean departure) {
    this.code = (short) code;
    this.departure = departure;
  }

  public short code() {
    return code;
  }

  /** True when closing with this code means the peer is gone at once, with no resume grace. */
  public boolean departure() {
    return departure;
  }
}
