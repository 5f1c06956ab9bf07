package parley.soak;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.support.ClusterNodes;
import parley.support.Deployment;
import parley.support.Http;
import parley.support.SingleNode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Peers churning (join, relay, leave, vanish, resume) on one node and on two clustered nodes, for a
 * bounded time; at the end every meter of held state is back where it started and the heap too.
 * Short form in every test run; the long form: bin/soak (see docs/soak.md).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SoakIT {
  private static final int PEERS = Integer.getInteger("soak.peers", 400);
  private static final int SECONDS = Integer.getInteger("soak.seconds", 15);
  private static final int WORKERS = Integer.getInteger("soak.workers", 8);
  private static final int ROOM_SIZE = 4;
  private static final long GRACE_MS = 1500;
  private static final long HEAP_SLACK_BYTES = 32L * 1024 * 1024;
  private static final long ROUND_GROWTH_SLACK_BYTES = 8L * 1024 * 1024;

  @ParameterizedTest(name = "{0} node(s)")
  @ValueSource(ints = {1, 2})
  void churn_leaves_nothing_behind(int nodes) throws Exception {
    JsonObject settings = Deployment.scenarioSettings().put("ROOM_CAPACITY", ROOM_SIZE).put("RESUME_GRACE_MS", GRACE_MS)
        .put("IDLE_TIMEOUT_MS", 60_000).put("PING_INTERVAL_MS", 20_000).put("RATE_LIMIT_BURST", 1000)
        .put("MAX_PEERS_PER_IP", 100_000);
    try (Deployment deployment = nodes == 1 ? new SingleNode(settings) : new ClusterNodes(nodes, settings)) {
      // a warm-up room loads every class before the baseline is taken
      new SoakRoom(deployment.clients(), "warm-up", () -> deployment.port(0), ROOM_SIZE).leaveAll();
      State before = State.read(deployment);
      histogram("before-" + nodes);
      // two rounds: what the first leaves behind may be high-water capacity (pools, map tables);
      // what grows again in the second is a leak
      State first = round(deployment, nodes, 1, before);
      State second = round(deployment, nodes, 2, before);
      histogram("after-" + nodes);

      for (State after : java.util.List.of(first, second)) {
        assertEquals(0, after.peers, "no socket left open");
        assertEquals(0, after.rooms, "no room left");
        assertEquals(before.handlers, after.handlers, "event-bus consumers back to the start");
      }
      assertTrue(second.heap <= first.heap + ROUND_GROWTH_SLACK_BYTES,
          String.format("heap after GC grew from round 1 to round 2: %.1f MB -> %.1f MB", first.heap / 1e6, second.heap / 1e6));
      assertTrue(first.heap <= before.heap + HEAP_SLACK_BYTES,
          String.format("heap after GC far above the start: %.1f MB -> %.1f MB", before.heap / 1e6, first.heap / 1e6));
    }
  }

  /** Fills the rooms, churns for SECONDS with WORKERS threads, empties them; the state once idle. */
  private static State round(Deployment deployment, int nodes, int round, State before) throws Exception {
    AtomicInteger turn = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    List<SoakRoom> rooms = new ArrayList<>();
    List<Future<SoakRoom>> opening = new ArrayList<>();
    for (int r = 0; r < PEERS / ROOM_SIZE; r++) {
      String name = "soak-" + round + "-" + r;
      opening.add(pool.submit(() -> new SoakRoom(deployment.clients(), name,
          () -> deployment.port(turn.getAndIncrement() % deployment.nodes()), ROOM_SIZE)));
    }
    for (Future<SoakRoom> room : opening) rooms.add(room.get());
    State full = State.read(deployment);

    long end = System.nanoTime() + SECONDS * 1_000_000_000L;
    List<Future<Integer>> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      int seed = round * 100 + w;
      workers.add(pool.submit(() -> {
        Random random = new Random(seed);
        int actions = 0;
        while (System.nanoTime() < end) {
          SoakRoom room = rooms.get(random.nextInt(rooms.size()));
          synchronized (room) {
            room.act(random, GRACE_MS);
          }
          actions++;
        }
        return actions;
      }));
    }
    int actions = 0;
    for (Future<Integer> worker : workers) actions += worker.get();
    rooms.forEach(SoakRoom::leaveAll);
    pool.shutdown();

    State after = State.awaitIdle(deployment, before);
    String report = String.format("| %d | %d | %d | %d s | %d | %d | %d | %d | %.1f MB | %.1f MB | %.1f MB | %.0f / %.0f / %.0f |%n",
        nodes, round, PEERS, SECONDS, actions, rooms.stream().mapToInt(r -> r.relayed).sum(),
        rooms.stream().mapToInt(r -> r.resumed).sum(), rooms.stream().mapToInt(r -> r.departures).sum(),
        before.heap / 1e6, full.heap / 1e6, after.heap / 1e6, before.handlers, full.handlers, after.handlers);
    System.out.print("soak: " + report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/soak-results.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    assertTrue(actions > WORKERS, "the soak did work: " + actions);
    return after;
  }

  /** With -Dsoak.histogram, the live heap's class histogram goes to target/soak-histogram-{when}.txt, to find what grew. */
  private static void histogram(String when) throws IOException, InterruptedException {
    if (!Boolean.getBoolean("soak.histogram")) return;
    new ProcessBuilder("jcmd", String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
        .redirectOutput(Path.of("target/soak-histogram-" + when + ".txt").toFile()).start().waitFor();
  }

  /** What the nodes hold, read from their /metrics, and the JVM's heap after a full GC. */
  record State(double peers, double rooms, double handlers, long heap) {
    static State read(Deployment deployment) {
      double peers = 0;
      double rooms = 0;
      double handlers = 0;
      for (int n = 0; n < deployment.nodes(); n++) {
        String metrics = Http.get(deployment.clients(), deployment.port(n), "/metrics").body();
        peers += gauge(metrics, "parley_peers ");
        rooms += gauge(metrics, "parley_rooms ");
        handlers += gauge(metrics, "parley_bus_consumers ");
      }
      return new State(peers, rooms, handlers, heapAfterGc());
    }

    /** Waits (10 s at most) for the last closes to be processed everywhere. */
    static State awaitIdle(Deployment deployment, State before) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      State state = read(deployment);
      Predicate<State> idle = s -> s.peers == 0 && s.rooms == 0 && s.handlers == before.handlers;
      while (!idle.test(state) && System.nanoTime() < deadline) {
        parley.support.Await.result(deployment.clients().timer(100)); // read every 100 ms, not in a tight loop
        state = read(deployment);
      }
      return state;
    }

    private static double gauge(String metrics, String name) {
      return metrics.lines().filter(l -> l.startsWith(name)).mapToDouble(l -> Double.parseDouble(l.substring(name.length()).trim()))
          .findFirst().orElse(0);
    }

    private static long heapAfterGc() {
      for (int i = 0; i < 3; i++) System.gc();
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
  }
}
