package parley.roster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** A room's password is kept only as a salted SHA-256 hash, and compared in constant time. */
public final class Password {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SALT_BYTES = 16;

  private Password() {
  }

  /** A fresh salt, made by the node that takes the lock (a change must be deterministic where it runs). */
  public static String salt() {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return Base64.getEncoder().encodeToString(salt);
  }

  public static String hash(String salt, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Base64.getDecoder().decode(salt));
      return Base64.getEncoder().encodeToString(sha.digest(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** True when the room has a password and {@code candidate} is it. */
  static boolean opens(RosterEntry room, String candidate) {
    return room.hasPassword() && MessageDigest.isEqual(
        hash(room.salt(), candidate).getBytes(StandardCharsets.UTF_8), room.passwordHash().getBytes(StandardCharsets.UTF_8));
  }
}
