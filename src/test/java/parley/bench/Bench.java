package parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Parley against PeerJS server, back to back in one run: relay latency and CPU at fixed rates, the
 * highest sustained rate, join latency, idle memory per connection; then Parley alone on two nodes.
 * Run by bin/bench, which pins this generator to one core and the servers to the other.
 * Figures go to target/bench/ (report.md, latency.svg); see docs/benchmarks.md.
 */
public final class Bench {
  private static final long BASE = System.nanoTime();
  private static final int PAIRS = 100;
  private static final int[] RATES = {1_000, 5_000, 20_000};
  private static final int TARGET_RATE = 20_000;
  private static final int PER_CLIENT_LIMIT = 1_000;

  private final boolean quick = Boolean.getBoolean("bench.quick");
  private final int repeats = Integer.getInteger("bench.repeats", quick ? 1 : 3);
  private final double relaySeconds = quick ? 3 : 20;
  private final double searchSeconds = quick ? 2 : 5;
  private final int idleConnections = Integer.getInteger("bench.idle", quick ? 2_000 : 15_000);
  private final int joinPairs = quick ? 100 : 1_000;
  /** How long the idle sockets are held once settled: two rounds of Parley's pings (15 s) in the full run. */
  private final int holdSeconds = Integer.getInteger("bench.hold", quick ? 5 : 30);
  private final Path peerjsDir = Path.of(System.getProperty("bench.peerjs", "target/bench/peerjs"));
  private final Path out = Path.of("target/bench");
  /** One event loop on native epoll: NIO's selector cost the generator a third of its core at 20k messages/s. */
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
  private final WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
      .setMaxConnections(100_000).setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20).setClosingTimeout(1));
  private final Report report = new Report();
  /** -Dbench.only=relay,join,idle,cluster runs some scenarios only (to profile one); the report then lacks the others. */
  private final List<String> only = List.of(System.getProperty("bench.only", "relay,join,idle,cluster").split(","));

  public static void main(String[] args) throws Exception {
    var bench = new Bench();
    try {
      bench.run();
    } finally {
      bench.vertx.close();
    }
  }

  /** The generator's clock: nanoseconds since it started. */
  static long now() {
    return System.nanoTime() - BASE;
  }

  private void run() throws Exception {
    long start = System.nanoTime();
    Files.createDirectories(out);
    log(Report.machine() + "; generator transport: " + (vertx.isNativeTransportEnabled() ? "epoll" : "NIO"));
    if (only.contains("relay") || only.contains("join")) relayAndJoin();
    if (only.contains("idle")) {
      // -Dbench.idleServers=Parley measures one lever without PeerJS's minute (the report then lacks the ratio)
      String servers = System.getProperty("bench.idleServers", "Parley,PeerJS");
      for (Dialect dialect : List.of(Dialect.PARLEY, Dialect.PEERJS)) {
        if (servers.contains(dialect.name())) idle(dialect);
      }
    }
    if (only.contains("cluster")) cluster();
    report.write(out, (System.nanoTime() - start) / 1e9, quick);
    System.out.println(report.ratioTable());
    log("written: " + out.resolve("report.md") + " and " + out.resolve("latency.svg"));
  }

  private void relayAndJoin() throws Exception {
    try (Server parley = Server.parley(1, relaySettings()); Server peerjs = Server.peerjs(peerjsDir)) {
      List<Server> servers = List.of(parley, peerjs);
      if (only.contains("relay")) relay(servers);
      if (only.contains("join")) {
        for (Server server : servers) join(server);
      }
    }
  }

  private void relay(List<Server> servers) {
    Map<Server, Pairs> pairs = new LinkedHashMap<>();
    for (Server server : servers) {
      pairs.put(server, Pairs.open(vertx, client, server.dialect, "r", PAIRS, server.port(0), server.port(0), 20));
      log(server.name() + ": " + PAIRS + " pairs connected; warming up");
      warmUp(server, pairs.get(server), TARGET_RATE);
    }
    servers.get(0).dumpProfiles("relay-warm-up"); // so that the relay profile holds the measured runs only
    for (int r = 0; r < repeats; r++) {
      for (int rate : RATES) {
        for (Server server : servers) {
          Relay.Result result = Relay.run(vertx, server, pairs.get(server), rate, relaySeconds);
          report.relay(server.name(), result);
          log(server.name() + " relay: " + Report.describe(result));
        }
      }
    }
    servers.get(0).dumpProfiles("relay");
    // -Dbench.search=false: the fixed rates only, to compare one lever's CPU per message
    for (Server server : Boolean.parseBoolean(System.getProperty("bench.search", "true")) ? servers : List.<Server>of()) {
      report.maxRate(server.name(), searchMaxRate(server, pairs.get(server)));
    }
    for (Server server : servers) await(pairs.get(server).close(), 30);
  }

  /** Production checks all on; only the per-client rate raised to what the load sends (and the per-IP cap: every client is 127.0.0.1). */
  private static Map<String, String> relaySettings() {
    return Map.of("RATE_LIMIT_PER_SEC", String.valueOf(PER_CLIENT_LIMIT), "RATE_LIMIT_BURST", String.valueOf(PER_CLIENT_LIMIT),
        "MAX_PEERS_PER_IP", "20000");
  }

  /** Until the JIT has compiled the hot path: compiling shares the server's one core and would count as relay CPU. */
  private void warmUp(Server server, Pairs pairs, int rate) {
    Relay.run(vertx, server, pairs, rate, quick ? 2 : 12);
  }

  /** Raises the rate until p99 goes over 50 ms or a message is lost; the last rate that held. */
  private List<Relay.Result> searchMaxRate(Server server, Pairs pairs) {
    List<Relay.Result> steps = new ArrayList<>();
    int rate = 10_000;
    while (rate <= PER_CLIENT_LIMIT * PAIRS * 2) {
      Relay.Result result = Relay.run(vertx, server, pairs, rate, searchSeconds);
      steps.add(result);
      log(server.name() + " search: " + Report.describe(result));
      if (!result.sustained()) break;
      rate += rate < 40_000 ? 5_000 : 10_000;
    }
    return steps;
  }

  /**
   * Socket open to first frame, and (Parley) the second side's open to the first side hearing of it, in rounds of
   * {@code joinPairs} pairs. A JIT still compiling the join path shares the server's one core (in Parley's second
   * round half its CPU was the compiler's), so the first round is kept as the cold figure, the rounds are repeated
   * until the compiler is done with the path, and the last is the warm figure; each round's p50 and the server's CPU
   * per socket are logged, so the curve shows where it levels off.
   */
  private void join(Server server) {
    int rounds = Integer.getInteger("bench.joinRounds", quick ? 2 : 20);
    Join cold = null;
    Join warm = null;
    for (int round = 1; round <= rounds; round++) {
      warm = joinRound(server, "j" + round);
      if (round == 1) cold = warm;
      // Parley's profiles (PeerJS has none): the first round, the rounds while the JIT works, the last
      if (round == 1) server.dumpProfiles("join-cold");
      if (round == rounds - 1) server.dumpProfiles("join-warming");
    }
    server.dumpProfiles("join");
    report.join(server.name(), cold.first(), warm.first(), warm.joined());
  }

  /** One round's figures: socket open to first frame, and (Parley) open to the partner's peer-joined. */
  private record Join(List<Long> first, List<Long> joined) {
  }

  private Join joinRound(Server server, String run) {
    List<Long> first = Collections.synchronizedList(new ArrayList<>());
    List<Long> joined = Collections.synchronizedList(new ArrayList<>());
    Dialect dialect = server.dialect;
    Proc.Cpu cpuBefore = server.cpu();
    await(inBatches(joinPairs, Integer.getInteger("bench.joinInFlight", 10), i -> {
      Side a = new Side(dialect, run, i, "a");
      Side b = new Side(dialect, run, i, "b");
      long t0 = now();
      return a.open(vertx, client, server.port(0), null).compose(v -> a.ready.future()).compose(v -> {
        first.add(now() - t0);
        long t1 = now();
        Future<Void> heard = a.partnerKnown.future().map(x -> {
          joined.add(now() - t1);
          return null;
        });
        return b.open(vertx, client, server.port(0), null).compose(x -> b.ready.future())
            .map(x -> first.add(now() - t1)).compose(x -> dialect == Dialect.PARLEY ? heard : Future.succeededFuture());
      }).compose(v -> Future.all(a.close(), b.close())).mapEmpty();
    }), 300);
    double cpuPerSocket = server.cpu().minus(cpuBefore).total() / (double) first.size();
    log(String.format(Locale.ROOT, "%s join round %s: %d sockets, first frame p50 %.2f ms, server CPU %.0f µs per socket (open, join, leave)",
        server.name(), run, first.size(), Stats.of(first, nanos -> nanos / 1e6).median(), cpuPerSocket));
    return new Join(List.copyOf(first), dialect == Dialect.PARLEY ? List.copyOf(joined) : List.of());
  }

  /**
   * A fresh server; RSS once warm, then with the idle sockets open and settled. Then the sockets are held
   * for {@code bench.hold} seconds with pings and idle timeouts running: the server's CPU over that time,
   * and how many sockets it dropped. Parley's live heap per socket: a histogram with them, and one after they closed.
   */
  private void idle(Dialect dialect) throws Exception {
    try (Server server = dialect == Dialect.PARLEY ? Server.parley(1, relaySettings()) : Server.peerjs(peerjsDir)) {
      await(Pairs.open(vertx, client, dialect, "w", 500, server.port(0), server.port(0), 50).close(), 60);
      settle();
      long before = server.rssKb();
      Pairs pairs = Pairs.open(vertx, client, dialect, "i", idleConnections / 2, server.port(0), server.port(0), 100);
      settle();
      long after = server.rssKb();
      Proc.Cpu cpuBefore = server.cpu();
      long heldFrom = System.nanoTime();
      TimeUnit.SECONDS.sleep(holdSeconds); // the load is time itself: pings and idle timers running
      double held = (System.nanoTime() - heldFrom) / 1e9;
      Proc.Cpu cpu = server.cpu().minus(cpuBefore);
      long dropped = pairs.all().stream().filter(Side::isClosed).count();
      Server.Heap with = dialect == Dialect.PARLEY ? server.heapHistogram("idle") : null;
      await(pairs.close(), 120);
      long liveKb = 0;
      if (dialect == Dialect.PARLEY) {
        settle();
        Server.Heap without = server.heapHistogram("idle-closed");
        // per channel gone between the two, counted for all the idle sockets
        long gone = Math.max(1, with.channels() - without.channels());
        liveKb = Math.max(0, with.bytes() - without.bytes()) * idleConnections / gone / 1024;
        log(String.format(Locale.ROOT, "Parley live heap: %,d B with the sockets, %,d B after they closed (%,d socket channels gone of %,d)",
            with.bytes(), without.bytes(), gone, idleConnections));
      }
      var figures = new Report.Idle(idleConnections, before, after, liveKb,
          cpu.total() / (held * idleConnections), held, dropped, server.rssKb());
      report.idle(dialect.name(), figures);
      log(dialect.name() + " idle: " + figures);
    }
  }

  /** Gives the server time to finish what the burst of connections left (GC, JIT, buffers), as the issue asks. */
  private void settle() throws InterruptedException {
    TimeUnit.SECONDS.sleep(quick ? 2 : 10);
  }

  /** Parley on two nodes: each pair split across them; then one node killed. */
  private void cluster() {
    Map<String, String> settings = new LinkedHashMap<>(relaySettings());
    settings.put("RESUME_GRACE_MS", "3000");
    try (Server cluster = Server.parley(2, settings)) {
      Pairs pairs = Pairs.open(vertx, client, Dialect.PARLEY, "c", PAIRS, cluster.port(0), cluster.port(1), 20);
      // two nodes share the server's core, and both compile at first: a gentler warm-up
      warmUp(cluster, pairs, 5_000);
      for (int r = 0; r < repeats; r++) {
        for (int rate : new int[] {5_000, TARGET_RATE}) {
          Relay.Result result = Relay.run(vertx, cluster, pairs, rate, quick ? 3 : 10);
          report.crossNode(result);
          log("Parley 2 nodes relay: " + Report.describe(result));
        }
      }
      cluster.dumpProfiles("cluster");
      // half the sides on the killed node come back through the survivor, half never do
      List<Long> resumed = Collections.synchronizedList(new ArrayList<>());
      List<Long> left = Collections.synchronizedList(new ArrayList<>());
      List<Future<?>> outcomes = new ArrayList<>();
      long killed = now();
      for (int i = 0; i < PAIRS; i++) {
        Side lost = pairs.b.get(i);
        if (i < PAIRS / 2) {
          Side back = new Side(Dialect.PARLEY, "c", i, "b");
          outcomes.add(lost.closed.future()
              .compose(v -> back.open(vertx, client, cluster.port(0), "resume=" + lost.resumeToken()))
              .compose(v -> back.ready.future()).map(v -> resumed.add(now() - killed)));
        } else {
          outcomes.add(pairs.a.get(i).partnerGone.future().map(v -> left.add(now() - killed)));
        }
      }
      cluster.kill(1);
      await(Future.all(outcomes), 60);
      report.nodeLoss(resumed, left, 3000);
      log("Parley kill -9: " + resumed.size() + " resumed, " + left.size() + " reported left");
    }
  }

  /** Runs {@code task} for 0..count-1, {@code inFlight} at a time. */
  static Future<Void> inBatches(int count, int inFlight, IntFunction<Future<Void>> task) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> chains = new ArrayList<>();
    for (int c = 0; c < Math.min(inFlight, count); c++) chains.add(chain(next, count, task));
    return Future.all(chains).mapEmpty();
  }

  private static Future<Void> chain(AtomicInteger next, int count, IntFunction<Future<Void>> task) {
    int i = next.getAndIncrement();
    if (i >= count) return Future.succeededFuture();
    return task.apply(i).compose(v -> chain(next, count, task));
  }

  static <T> T await(Future<T> future, long seconds) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("benchmark step failed or timed out after " + seconds + " s", e);
    }
  }

  static void log(String line) {
    System.out.printf("[bench %6.1f s] %s%n", now() / 1e9, line);
  }
}
