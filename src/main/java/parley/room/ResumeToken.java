package parley.room;

import parley.protocol.PeerId;

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

  /** What the roster keeps instead of the token: SHA-256, so the cluster's maps never hold a usable secret. */
  public String hash() {
    return hashOf(value);
  }

  public static String hashOf(String presented) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(presented.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Constant-time comparison of a presented token with a stored hash, so timing leaks nothing. */
  public static boolean matches(String presented, String expectedHash) {
    return presented != null && expectedHash != null && MessageDigest.isEqual(
        hashOf(presented).getBytes(StandardCharsets.UTF_8), expectedHash.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "ResumeToken[" + peer + "]"; // never log the secret
  }
}
