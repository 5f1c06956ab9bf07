package parley.peer;

import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sockets open on this node, in all and per client address, held under MAX_PEERS and MAX_PEERS_PER_IP;
 * a draining node takes none.
 */
public final class Occupancy implements Shareable {
  public enum Verdict { ADMITTED, DRAINING, NODE_FULL, ADDRESS_FULL }

  private final int maxPeers;
  private final int maxPerAddress;
  private final AtomicInteger total = new AtomicInteger();
  private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
  private final AtomicBoolean draining = new AtomicBoolean();

  public Occupancy(int maxPeers, int maxPerAddress) {
    this.maxPeers = maxPeers;
    this.maxPerAddress = maxPerAddress;
  }

  /** Takes a place for a socket from {@code address}; each ADMITTED must be matched by one {@link #release}. */
  public Verdict admit(String address) {
    if (draining.get()) return Verdict.DRAINING;
    if (total.incrementAndGet() > maxPeers) {
      total.decrementAndGet();
      return Verdict.NODE_FULL;
    }
    boolean[] admitted = {false};
    perAddress.compute(address, (key, count) -> {
      int current = count == null ? 0 : count;
      if (current >= maxPerAddress) return count;
      admitted[0] = true;
      return current + 1;
    });
    if (!admitted[0]) {
      total.decrementAndGet();
      return Verdict.ADDRESS_FULL;
    }
    return Verdict.ADMITTED;
  }

  public void release(String address) {
    perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    total.decrementAndGet();
  }

  public int sockets() {
    return total.get();
  }

  /** From now on no socket is admitted; true only for the first caller. */
  public boolean startDraining() {
    return draining.compareAndSet(false, true);
  }

  public boolean draining() {
    return draining.get();
  }
}
