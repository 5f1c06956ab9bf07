package parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;

import java.util.ArrayList;
import java.util.List;

/** Pairs of sides, each pair alone in its room, both sides knowing each other. */
final class Pairs {
  final List<Side> a = new ArrayList<>();
  final List<Side> b = new ArrayList<>();

  /**
   * Opens {@code count} pairs, {@code inFlight} at a time; side a of pair i connects to {@code portA},
   * side b to {@code portB} (different nodes of a cluster, or the same server).
   */
  static Pairs open(Vertx vertx, WebSocketClient client, Dialect dialect, String run, int count, int portA, int portB, int inFlight) {
    var pairs = new Pairs();
    for (int i = 0; i < count; i++) {
      pairs.a.add(new Side(dialect, run, i, "a"));
      pairs.b.add(new Side(dialect, run, i, "b"));
    }
    Bench.await(Bench.inBatches(count, inFlight, i -> pairs.openPair(vertx, client, i, portA, portB)), 300);
    return pairs;
  }

  private Future<Void> openPair(Vertx vertx, WebSocketClient client, int i, int portA, int portB) {
    Side first = a.get(i);
    Side second = b.get(i);
    return first.open(vertx, client, portA, null).compose(v -> first.ready.future())
        .compose(v -> second.open(vertx, client, portB, null)).compose(v -> second.ready.future())
        .compose(v -> Future.all(first.partnerKnown.future(), second.partnerKnown.future())).mapEmpty();
  }

  List<Side> all() {
    List<Side> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  Future<Void> close() {
    return Future.all(all().stream().map(Side::close).toList()).mapEmpty();
  }

}
