package parley.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret a peer presents to take its place back: its id and 192 random bits.
 * Only the session holding the same value accepts it, so it cannot be forged or reused in another room.
 */
public record ResumeToken(PeerId peer, String value) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 24;

  public static ResumeToken fresh(PeerId peer) {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return new ResumeToken(peer, peer.value() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** The peer a presented token claims to be; says nothing about whether the token is valid. */
  public static Optional<ResumeToken> parse(String presented) {
    if (presented == null) return Optional.empty();
    int dot = presented.indexOf('.');
    if (dot <= 0) return Optional.empty();
    return PeerId.parse(presented.substring(0, dot)).map(peer -> new ResumeToken(peer, presented));
  }

  /** Constant-time comparison, so response timing leaks nothing about the secret. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ResumeToken[" + peer + "]"; // never log the secret
  }
}
