package parley.protocol;

/** A client frame the server refuses, with the error code the client is told. */
public final class ProtocolException extends Exception {
  private final ErrorCode code;

  public ProtocolException(ErrorCode code, String message) {
    super(message, null, false, false); // no stack trace: this is a value, thrown by bad input
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
