package parley.peer;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import parley.protocol.CloseCode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/** The open sockets of one verticle instance: pinged together, closed together on drain. */
public final class Peers {
  private final Set<PeerSocket> open = new LinkedHashSet<>();
  private Promise<Void> emptied;

  public void add(PeerSocket socket) {
    open.add(socket);
  }

  public void remove(PeerSocket socket) {
    open.remove(socket);
    if (open.isEmpty() && emptied != null) emptied.tryComplete();
  }

  public void pingAll() {
    open.forEach(PeerSocket::ping);
  }

  public int size() {
    return open.size();
  }

  /** Closes every socket with {@code code}; completes once all are gone, or after {@code timeout}. */
  public Future<Void> closeAll(Vertx vertx, CloseCode code, Duration timeout) {
    emptied = Promise.promise();
    new ArrayList<>(open).forEach(socket -> socket.close(code, "server shutting down"));
    if (open.isEmpty()) emptied.tryComplete();
    long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> emptied.tryComplete());
    return emptied.future().onComplete(done -> vertx.cancelTimer(timer));
  }
}
