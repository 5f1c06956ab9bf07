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
 * One slice is pinged each {@code PING_INTERVAL_MS / SLICES}, so every socket still hears a ping each
 * interval, but the event loop writes a sixteenth of them at a time instead of all at once.
 */
public final class Peers {
  public static final int SLICES = 16;

  private final List<Set<PeerSocket>> slices = new ArrayList<>(SLICES);
  private int size;
  private int nextSlice;
  private Promise<Void> emptied;

  public Peers() {
    for (int i = 0; i < SLICES; i++) slices.add(new LinkedHashSet<>());
  }

  public void add(PeerSocket socket) {
    if (sliceOf(socket).add(socket)) size++;
  }

  public void remove(PeerSocket socket) {
    if (sliceOf(socket).remove(socket)) size--;
    if (size == 0 && emptied != null) emptied.tryComplete();
  }

  /** Pings the next slice; called every {@code PING_INTERVAL_MS / SLICES}. */
  public void pingNextSlice() {
    slices.get(nextSlice).forEach(PeerSocket::ping);
    nextSlice = (nextSlice + 1) % SLICES;
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
    return slices.get(Math.floorMod(System.identityHashCode(socket), SLICES));
  }
}
