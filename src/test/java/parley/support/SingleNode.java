package parley.support;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import parley.Launcher;
import parley.Main;
import parley.config.Settings;

/** One Parley node in this JVM, built as the launcher builds it (with metrics). */
public final class SingleNode implements Deployment {
  private final Vertx server;
  private final Vertx clients;
  private final int port;

  public SingleNode(JsonObject settings) {
    server = Launcher.builder(new VertxOptions(), Settings.of(settings), "unclustered").build();
    Main main = new Main(Settings.of(settings));
    Await.result(server.deployVerticle(main));
    port = main.port();
    clients = Vertx.vertx();
  }

  @Override
  public Vertx clients() {
    return clients;
  }

  @Override
  public int nodes() {
    return 1;
  }

  @Override
  public int port(int node) {
    return port;
  }

  public Vertx server() {
    return server;
  }

  @Override
  public void close() {
    Await.result(server.close());
    Await.result(clients.close());
  }
}
