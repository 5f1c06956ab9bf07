package parley.bench;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.Arrays;
import java.util.List;

/**
 * Relays at a fixed offered rate: every side sends to its partner in turn, paced by a 1 ms timer (the
 * messages due in a millisecond leave together), each stamped with the time it was written. A generator
 * that falls behind would hide latency, so its own CPU is reported with every run. Latency, loss and
 * the server's CPU per relayed message are measured.
 */
final class Relay {
  private static final long DRAIN_NANOS = 3_000_000_000L;

  /** One run's figures. */
  record Result(int rate, long sent, long received, double p50Ms, double p99Ms, double maxMs,
                double serverMicrosPerMessage, double serverKernelShare, double generatorCpuShare) {
    long lost() {
      return sent - received;
    }

    boolean sustained() {
      return lost() == 0 && p99Ms <= 50;
    }
  }

  private Relay() {
  }

  static Result run(Vertx vertx, Server server, Pairs pairs, int rate, double seconds) {
    List<Side> senders = pairs.all();
    long gone = senders.stream().filter(Side::isClosed).count();
    if (gone > 0) {
      throw new IllegalStateException(server.name() + " closed " + gone + " of the benchmark's sockets; the end of its log:\n"
          + String.join("\n", server.lastLines(40)));
    }
    long total = (long) (rate * seconds);
    long[] latencies = new long[(int) total];
    long[] received = {0};
    long start = Bench.now();
    for (Side side : senders) {
      side.sink = sent -> {
        if (sent < start) return; // late from an earlier run
        if (received[0] < latencies.length) latencies[(int) received[0]] = Bench.now() - sent;
        received[0]++;
      };
    }
    Promise<Void> drained = Promise.promise();
    Proc.Cpu serverBefore = server.cpu();
    long generatorBefore = Proc.cpu(ProcessHandle.current().pid()).total();
    long[] sent = {0};
    long nanosPerMessage = 1_000_000_000L / rate;
    vertx.setPeriodic(1, timer -> {
      long now = Bench.now();
      long due = Math.min(total, (now - start) / nanosPerMessage + 1);
      for (; sent[0] < due; sent[0]++) {
        senders.get((int) (sent[0] % senders.size())).send(Bench.now(), Payload.sdp(sent[0]));
      }
      boolean done = received[0] >= total || (sent[0] == total && now - start - total * nanosPerMessage > DRAIN_NANOS);
      if (done) {
        vertx.cancelTimer(timer);
        drained.complete();
      }
    });
    Bench.await(drained.future(), (long) seconds + 30);
    long elapsed = Bench.now() - start;
    Proc.Cpu used = server.cpu().minus(serverBefore);
    long cpu = used.total();
    double kernel = cpu == 0 ? 0 : (double) used.system() / cpu;
    long generator = Proc.cpu(ProcessHandle.current().pid()).total() - generatorBefore;
    int count = (int) Math.min(received[0], latencies.length);
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    return new Result(rate, total, received[0], percentile(sorted, 0.50), percentile(sorted, 0.99),
        count == 0 ? Double.NaN : sorted[count - 1] / 1e6,
        received[0] == 0 ? Double.NaN : (double) cpu / received[0], kernel, generator / (elapsed / 1e3));
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) return Double.NaN;
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
  }
}
