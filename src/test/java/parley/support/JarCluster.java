package parley.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** N {@code parley.jar} processes clustered on loopback, with nginx in front: Parley as an operator runs it. */
public final class JarCluster implements AutoCloseable {
  private final List<JarProcess> nodes = new ArrayList<>();
  private final List<Integer> httpPorts = new ArrayList<>();
  private final Nginx nginx;
  private final long joinedMillis;

  public JarCluster(int count, Map<String, String> settings) {
    List<Integer> memberPorts = new ArrayList<>();
    for (int i = 0; i < count; i++) memberPorts.add(Ports.freeTcp());
    String members = memberPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    long start = System.nanoTime();
    // the first node forms the cluster, the others join it together: simultaneous first starts
    // spend seconds electing a master among members that are not up yet
    for (int port : memberPorts) {
      Map<String, String> env = new HashMap<>(settings);
      env.putAll(Map.of("CLUSTER", "true", "CLUSTER_HOST", "127.0.0.1", "CLUSTER_PORT", String.valueOf(port),
          "CLUSTER_MEMBERS", members, "HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0"));
      nodes.add(JarProcess.start(env, List.of("-Xmx256m"), List.of()));
      if (nodes.size() == 1) httpPorts.add(nodes.get(0).awaitPort(Duration.ofSeconds(90)));
    }
    for (JarProcess node : nodes.subList(1, nodes.size())) httpPorts.add(node.awaitPort(Duration.ofSeconds(90)));
    joinedMillis = (System.nanoTime() - start) / 1_000_000;
    nginx = new Nginx(httpPorts);
  }

  /** The load balancer's port: what clients connect to. */
  public int port() {
    return nginx.port();
  }

  public JarProcess node(int index) {
    return nodes.get(index);
  }

  /** Milliseconds from starting the processes to every node serving, clustered. */
  public long startedInMillis() {
    return joinedMillis;
  }

  /** The node {@code peer} joined. */
  public int nodeOf(String peer, Duration timeout) {
    return nodeThatLogged("Peer joined", peer, timeout);
  }

  /** The node {@code peer} knocks through, at a locked room. */
  public int nodeKnocking(String peer, Duration timeout) {
    return nodeThatLogged("Peer knocks", peer, timeout);
  }

  /** The node {@code peer} resumed its place on. */
  public int nodeResuming(String peer, Duration timeout) {
    return nodeThatLogged("Peer resumed", peer, timeout);
  }

  private int nodeThatLogged(String event, String peer, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < nodes.size(); i++) {
        List<String> lines = nodes.get(i).output();
        for (int j = lines.size() - 1; j >= 0; j--) {
          String line = lines.get(j);
          if (line.contains(event) && line.contains("peer=" + peer + " ")) return i;
        }
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("no node logged '" + event + "' for peer " + peer);
  }

  @Override
  public void close() {
    nginx.close();
    nodes.forEach(JarProcess::close);
  }
}
