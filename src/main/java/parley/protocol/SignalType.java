package parley.protocol;

import java.util.Optional;

/** The kinds of signal the server relays between peers. */
public enum SignalType {
  OFFER("offer"), ANSWER("answer"), CANDIDATE("candidate");

  private final String wire;

  SignalType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<SignalType> fromWire(String wire) {
    for (SignalType type : values()) {
      if (type.wire.equals(wire)) return Optional.of(type);
    }
    return Optional.empty();
  }
}
