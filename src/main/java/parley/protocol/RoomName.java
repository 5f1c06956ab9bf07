package parley.protocol;

import java.util.Optional;
import java.util.regex.Pattern;

/** A room's name as it appears in URLs: 1 to 64 letters, digits, '_' or '-'. */
public record RoomName(String value) {
  public static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

  public RoomName {
    if (value == null || !PATTERN.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid room name");
    }
  }

  public static Optional<RoomName> parse(String value) {
    return value != null && PATTERN.matcher(value).matches() ? Optional.of(new RoomName(value)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
