package parley.protocol;

/** A peer's display name as the server keeps it: plain text, never HTML, at most 32 characters. */
public final class PeerName {
  public static final int MAX_CHARS = 32;

  private PeerName() {
  }

  /** Removes control characters, trims, keeps the first 32 characters; null when nothing is left (no name). */
  public static String clean(String raw) {
    if (raw == null) return null;
    StringBuilder kept = new StringBuilder(raw.length());
    raw.codePoints().filter(c -> !Character.isISOControl(c)).forEach(kept::appendCodePoint);
    String trimmed = kept.toString().strip();
    if (trimmed.isEmpty()) return null;
    int end = trimmed.codePointCount(0, trimmed.length()) <= MAX_CHARS
        ? trimmed.length() : trimmed.offsetByCodePoints(0, MAX_CHARS);
    return trimmed.substring(0, end);
  }
}
