package parley.room;

import io.vertx.core.Vertx;
import parley.cluster.BusEvent;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a place keeps of the signals sent to its peer: the newest {@link #LIMIT} while the peer is away,
 * and, for a while after a resume, the ids of the last events it had, since the handover and the old
 * place's forwarding may bring one twice.
 */
final class Backlog {
  static final int LIMIT = 64;
  private static final int REMEMBERED_IDS = 512;

  /** Null until the peer is away and something arrives: most places never queue anything. */
  private ArrayDeque<BusEvent.Signal> queued;
  /** Null outside a resume's window: remembering ids costs per message. */
  private Map<Long, Boolean> seen;

  /** Queues a signal the peer could not be given; the oldest goes when the queue is full. */
  void queue(BusEvent.Signal signal) {
    if (queued == null) queued = new ArrayDeque<>();
    if (queued.size() == LIMIT) queued.removeFirst();
    queued.addLast(signal);
  }

  /** The queued signals, oldest first. */
  List<BusEvent.Signal> queued() {
    return queued == null ? List.of() : List.copyOf(queued);
  }

  int size() {
    return queued == null ? 0 : queued.size();
  }

  /** From now on, for {@code windowMs}, a signal whose id came before is dropped. */
  void dropRepeatsFor(Vertx vertx, long windowMs) {
    seen = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
        return size() > REMEMBERED_IDS;
      }
    };
    vertx.setTimer(windowMs, timer -> seen = null);
  }

  /** False for an event (a signal or a door change, by its id) already had within a resume's window. */
  boolean firstTime(long eventId) {
    return seen == null || seen.put(eventId, Boolean.TRUE) == null;
  }
}
