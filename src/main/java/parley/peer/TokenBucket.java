package parley.peer;

/** A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}; starts full. */
final class TokenBucket {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final double capacity;
  private final double tokensPerNano;
  private double tokens;
  private long refilledAt;

  TokenBucket(int perSecond, int burst) {
    this.capacity = burst;
    this.tokensPerNano = (double) perSecond / NANOS_PER_SECOND;
    this.tokens = burst;
    this.refilledAt = System.nanoTime();
  }

  boolean take() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
    refilledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
