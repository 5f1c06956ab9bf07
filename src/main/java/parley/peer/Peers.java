package parley.peer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import parley.protocol.CloseCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The open sockets of one verticle instance, in slices pinged in turn, and closed together on drain.
 * A slice is pinged every {@link #TICK_MS}, so every socket still hears a ping each interval, but the
 * event loop writes a small share of them at a time: with the default 15 s, a 150th per tick
 * instead of every socket in one go (a million sockets would block the loop for seconds).
 */
public final class Peers {
  public static final long TICK_MS = 100;

  private final List<Set<PeerSocket>> slices;
  private int size;
  private int nextSlice;
  private Promise<Void> emptied;

  public Peers(Duration pingInterval) {
    int count = (int) Math.max(1, pingInterval.toMillis() / TICK_MS);
    slices = new ArrayList<>(count);
    for (int i = 0; i < count; i++) slices.add(new LinkedHashSet<>());
  }

  /** How often {@link #pingNextSlice} must run: each socket is then pinged once per interval. */
  public static long tickMillis(Duration pingInterval) {
    return Math.min(TICK_MS, pingInterval.toMillis());
  }

  public void add(PeerSocket socket) {
    if (sliceOf(socket).add(socket)) size++;
  }

  public void remove(PeerSocket socket) {
    if (sliceOf(socket).remove(socket)) size--;
    if (size == 0 && emptied != null) emptied.tryComplete();
  }

  /** Pings the next slice; called every {@link #tickMillis}. */
  public void pingNextSlice() {
    slices.get(nextSlice).forEach(PeerSocket::ping);
    nextSlice = (nextSlice + 1) % slices.size();
  }

  public int size() {
    return size;
  }

  /** Closes every socket with {@code code}; completes once all are gone, or after {@code timeout}. */
  public Future<Void> closeAll(Vertx vertx, CloseCode code, Duration timeout) {
    emptied = Promise.promise();
    List<PeerSocket> all = new ArrayList<>(size);
    slices.forEach(all::addAll);
    all.forEach(socket -> socket.close(code, "server shutting down"));
    if (size == 0) emptied.tryComplete();
    long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> emptied.tryComplete());
    return emptied.future().onComplete(done -> vertx.cancelTimer(timer));
  }

  private Set<PeerSocket> sliceOf(PeerSocket socket) {
    return slices.get(Math.floorMod(System.identityHashCode(socket), slices.size()));
  }
}
