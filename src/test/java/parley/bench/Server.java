package parley.bench;

import parley.support.JarProcess;
import parley.support.Ports;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A server under test: one or more processes pinned to the server's core, with their CPU and memory. */
final class Server implements AutoCloseable {
  /** The server's core; the generator runs on the other. */
  static final String SERVER_CPU = "0";
  /**
   * JVM flags for Parley, as docs/benchmarks.md recommends for a one-core container: a small young generation and
   * a heap kept close to its live size, since an idle socket makes almost no garbage.
   */
  static final List<String> PARLEY_JVM = List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmx512m", "-Xss256k",
      "-Xmn16m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30");
  /** -Dbench.serverFlags="-XX:+UseCompactObjectHeaders ..." adds JVM flags to Parley's, to measure one lever. */
  private static final List<String> EXTRA_FLAGS = List.of(System.getProperty("bench.serverFlags", "").trim().split("\\s+"))
      .stream().filter(flag -> !flag.isEmpty()).toList();
  /** With -Dbench.jfr, each Parley node records a JFR profile to target/bench/ (see docs/benchmarks.md). */
  private static final boolean JFR = Boolean.getBoolean("bench.jfr");
  /**
   * With -Dbench.asyncProfiler=LIB (bin/bench -Dbench.profile=async sets it), each Parley node samples its CPU with
   * async-profiler, kernel frames included, which JFR cannot show: half of a relayed message's cost is the kernel's.
   */
  private static final String ASYNC_PROFILER = System.getProperty("bench.asyncProfiler", "");

  final Dialect dialect;
  private final List<Process> processes = new ArrayList<>();
  private final List<JarProcess> jars = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();

  private Server(Dialect dialect) {
    this.dialect = dialect;
  }

  /** The JVM flags each Parley node gets. */
  static List<String> parleyFlags() {
    List<String> flags = new ArrayList<>(PARLEY_JVM);
    flags.addAll(EXTRA_FLAGS);
    return flags;
  }

  /** The Java that runs Parley, from its home's release file. */
  static String parleyRuntime() {
    try {
      return Files.readAllLines(JarProcess.JAVA_HOME.resolve("release")).stream().filter(l -> l.startsWith("JAVA_VERSION="))
          .findFirst().map(l -> "Java " + l.replaceAll("[^0-9.]", "")).orElse("Java ?");
    } catch (IOException e) {
      return "Java ? (" + JarProcess.JAVA_HOME + ")";
    }
  }

  /** One Parley node, or several clustered on loopback, all on the server's core. */
  static Server parley(int nodes, Map<String, String> settings) {
    var server = new Server(Dialect.PARLEY);
    List<Integer> memberPorts = new ArrayList<>();
    for (int i = 0; i < nodes; i++) memberPorts.add(Ports.freeTcp());
    String members = memberPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    for (int i = 0; i < nodes; i++) {
      Map<String, String> env = new HashMap<>(settings);
      env.putAll(Map.of("HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0"));
      if (nodes > 1) {
        env.putAll(Map.of("CLUSTER", "true", "CLUSTER_HOST", "127.0.0.1",
            "CLUSTER_PORT", String.valueOf(memberPorts.get(i)), "CLUSTER_MEMBERS", members));
      }
      List<String> jvm = parleyFlags();
      if (JFR) jvm.add("-XX:StartFlightRecording=settings=profile");
      if (!ASYNC_PROFILER.isEmpty()) jvm.add("-agentpath:" + ASYNC_PROFILER + "=start,event=cpu,interval=1ms");
      JarProcess jar = JarProcess.start(List.of("taskset", "-c", SERVER_CPU), env, jvm, List.of());
      server.jars.add(jar);
      server.ports.add(jar.awaitPort(Duration.ofSeconds(120)));
    }
    return server;
  }

  /** PeerJS server from npm, started by {@code peerjs-server.mjs} in {@code dir} (see bin/bench). */
  static Server peerjs(Path dir) throws IOException, InterruptedException {
    var server = new Server(Dialect.PEERJS);
    int port = Ports.freeTcp();
    var builder = new ProcessBuilder("taskset", "-c", SERVER_CPU, "node", "peerjs-server.mjs")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("peerjs.log").toFile());
    builder.environment().put("PORT", String.valueOf(port));
    server.processes.add(builder.start());
    server.ports.add(port);
    awaitListening(port, Duration.ofSeconds(30));
    return server;
  }

  private static void awaitListening(int port, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50); // polling a port another process opens: there is no event to wait on
      }
    }
    throw new IllegalStateException("nothing listening on " + port + " after " + timeout);
  }

  int port(int node) {
    return ports.get(node);
  }

  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    processes.forEach(p -> pids.add(p.pid()));
    jars.forEach(j -> pids.add(j.pid()));
    return pids;
  }

  Proc.Cpu cpu() {
    return pids().stream().map(Proc::cpu).reduce(new Proc.Cpu(0, 0), Proc.Cpu::plus);
  }

  long rssKb() {
    return pids().stream().mapToLong(Proc::rssKb).sum();
  }

  /**
   * With -Dbench.jfr or an async profiler, writes each node's profile so far (a killed JVM writes nothing); the
   * async profiler's as collapsed stacks and as a flame graph, and it starts afresh for the next scenario.
   */
  void dumpProfiles(String scenario) {
    for (int i = 0; i < jars.size(); i++) {
      String file = Path.of("target/bench/parley-" + scenario + "-" + i).toAbsolutePath().toString();
      if (JFR) jcmd(jars.get(i).pid(), ProcessBuilder.Redirect.DISCARD, "JFR.dump", "filename=" + file + ".jfr");
      if (ASYNC_PROFILER.isEmpty()) continue;
      // jcmd reads name=value pairs itself: the agent's options go quoted
      jcmd(jars.get(i).pid(), ProcessBuilder.Redirect.DISCARD, "JVMTI.agent_load", ASYNC_PROFILER, "\"stop,file=" + file + ".collapsed\"");
      jcmd(jars.get(i).pid(), ProcessBuilder.Redirect.DISCARD, "JVMTI.agent_load", ASYNC_PROFILER, "\"flamegraph,file=" + file + ".html\"");
      jcmd(jars.get(i).pid(), ProcessBuilder.Redirect.DISCARD, "JVMTI.agent_load", ASYNC_PROFILER, "\"start,event=cpu,interval=1ms\"");
    }
  }

  /** A node's live heap: its total, and how many socket channels it holds. */
  record Heap(long bytes, long channels) {
  }

  /**
   * The first node's live heap by class (jcmd forces a full GC first) to target/bench/parley-NAME-histogram.txt,
   * to see what a connection holds: the total in bytes, and the number of socket channels still held, so that
   * sockets still closing when a histogram is taken are not counted as gone.
   */
  Heap heapHistogram(String name) {
    Path file = Path.of("target/bench/parley-" + name + "-histogram.txt");
    jcmd(jars.get(0).pid(), ProcessBuilder.Redirect.to(file.toFile()), "GC.class_histogram");
    try {
      // rows "  n:  instances  bytes  class", the last line "Total   <instances>   <bytes>"
      List<String> lines = Files.readAllLines(file);
      String[] total = lines.get(lines.size() - 1).trim().split("\\s+");
      if (!total[0].equals("Total")) throw new IllegalStateException("no heap histogram from jcmd: " + lines);
      long channels = lines.stream().map(line -> line.trim().split("\\s+"))
          .filter(row -> row.length >= 4 && row[3].matches("io\\.netty\\.channel\\.(epoll\\.Epoll|socket\\.nio\\.Nio)SocketChannel"))
          .mapToLong(row -> Long.parseLong(row[1])).sum();
      return new Heap(Long.parseLong(total[2]), channels);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static void jcmd(long pid, ProcessBuilder.Redirect output, String... command) {
    // the server's own jcmd: it may run on another Java than this generator
    List<String> line = new ArrayList<>(List.of(JarProcess.JAVA_HOME.resolve("bin/jcmd").toString(), String.valueOf(pid)));
    line.addAll(List.of(command));
    try {
      new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output).start().waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("jcmd failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** kill -9 of one node. */
  void kill(int node) {
    jars.get(node).kill();
  }

  String name() {
    return dialect.name();
  }

  @Override
  public void close() {
    processes.forEach(Process::destroyForcibly);
    jars.forEach(JarProcess::close);
  }

  /** The last lines a Parley node printed, for a failure's message (PeerJS's log is in its directory). */
  List<String> lastLines(int count) {
    List<String> lines = new ArrayList<>();
    for (JarProcess jar : jars) {
      List<String> output = jar.output();
      lines.addAll(output.subList(Math.max(0, output.size() - count), output.size()));
    }
    return lines;
  }
}
