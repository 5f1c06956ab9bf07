package parley.protocol;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/** A peer's id: random, URL-safe, unique across the cluster for all practical purposes. */
public record PeerId(String value) {
  private static final Pattern PATTERN = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int RANDOM_BYTES = 9; // 72 bits, 12 characters

  public PeerId {
    if (value == null || !PATTERN.matcher(value).matches()) {
      throw new IllegalArgumentException("invalid peer id");
    }
  }

  public static PeerId random() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return new PeerId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  public static Optional<PeerId> parse(String value) {
    return value != null && PATTERN.matcher(value).matches() ? Optional.of(new PeerId(value)) : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
