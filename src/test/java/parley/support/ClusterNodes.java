package parley.support;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import parley.Launcher;
import parley.Main;
import parley.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * N clustered Parley nodes in this JVM, each with its own Hazelcast member on loopback, built as
 * the launcher builds them. A cluster name of their own keeps them from merging with any other.
 */
public final class ClusterNodes implements Deployment {
  private final List<Vertx> servers = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final Vertx clients = Vertx.vertx();

  public ClusterNodes(int count, JsonObject settings) {
    List<Integer> memberPorts = new ArrayList<>();
    for (int i = 0; i < count; i++) memberPorts.add(Ports.freeTcp());
    String members = memberPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    String clusterName = "parley-test-" + UUID.randomUUID();
    for (int port : memberPorts) {
      Settings nodeSettings = Settings.of(settings.copy().put("CLUSTER", true).put("CLUSTER_HOST", "127.0.0.1")
          .put("CLUSTER_PORT", port).put("CLUSTER_MEMBERS", members));
      Vertx vertx = Await.result(Launcher.builder(new VertxOptions(), nodeSettings, clusterName).buildClustered());
      Main main = new Main(nodeSettings);
      Await.result(vertx.deployVerticle(main));
      servers.add(vertx);
      ports.add(main.port());
    }
  }

  @Override
  public Vertx clients() {
    return clients;
  }

  @Override
  public int nodes() {
    return ports.size();
  }

  @Override
  public int port(int node) {
    return ports.get(node);
  }

  public Vertx server(int node) {
    return servers.get(node);
  }

  @Override
  public void close() {
    for (Vertx server : servers) {
      try {
        Await.result(server.close());
      } catch (AssertionError alreadyClosed) {
        // a test stopped this node itself
      }
    }
    Await.result(clients.close());
  }
}
