package parley.protocol;

/** The error codes of the wire protocol and what each does to the socket. */
public enum ErrorCode {
  BAD_MESSAGE("bad-message", CloseCode.NONE),
  UNKNOWN_PEER("unknown-peer", CloseCode.NONE),
  RATE_LIMITED("rate-limited", CloseCode.NONE),
  ROOM_FULL("room-full", CloseCode.ROOM_FULL),
  TOO_LARGE("too-large", CloseCode.TOO_LARGE),
  NOT_HOST("not-host", CloseCode.NONE),
  KICKED("kicked", CloseCode.REMOVED),
  DENIED("denied", CloseCode.REMOVED),
  BAD_PASSWORD("bad-password", CloseCode.NONE);

  private final String wire;
  private final CloseCode close;

  ErrorCode(String wire, CloseCode close) {
    this.wire = wire;
    this.close = close;
  }

  public String wire() {
    return wire;
  }

  /** {@link CloseCode#NONE} when the socket stays open. */
  public CloseCode close() {
    return close;
  }
}
