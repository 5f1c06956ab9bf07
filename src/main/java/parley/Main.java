package parley;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.cluster.BusEventCodec;
import parley.config.Settings;
import parley.http.Routes;
import parley.peer.PeerSocket;
import parley.peer.Peers;
import parley.protocol.CloseCode;
import parley.room.Rooms;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The composition root: load the settings, build the parts, listen. */
public final class Main extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final int CLOSING_TIMEOUT_SECONDS = 3;

  private Settings settings;
  private Node node;
  private Peers peers;
  private HttpServer server;

  /** For the launcher: settings come from the -conf file, the environment and system properties. */
  public Main() {
  }

  public Main(Settings settings) {
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    if (settings == null) settings = Settings.load(config(), System.getenv(), System.getProperties());
    MeterRegistry registry = Optional.ofNullable(BackendRegistries.getDefaultNow())
        .orElseGet(() -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    node = Node.of(vertx, settings, registry);
    BusEventCodec.register(vertx.eventBus());
    peers = new Peers();
    var rooms = new Rooms(vertx, settings, node.roster(), node.meters());
    vertx.setPeriodic(settings.pingInterval().toMillis(), timer -> peers.pingAll());
    return vertx.createHttpServer(serverOptions(settings))
        .requestHandler(Routes.create(vertx, settings, node, rooms, peers))
        .listen(settings.httpPort(), settings.httpHost())
        .onSuccess(listening -> {
          server = listening;
          String scheme = settings.tlsEnabled() ? "https" : "http";
          String host = settings.httpHost().equals("0.0.0.0") ? "localhost" : settings.httpHost();
          log.info("Parley is serving: open {}://{}:{}/ in two browsers", scheme, host, listening.actualPort());
        });
  }

  /** Stops being ready, asks every peer to reconnect elsewhere (1012), and waits for them to go. */
  @Override
  public Future<?> stop() {
    if (node.startDraining()) log.info("Draining: closing {} sockets with 1012", node.occupancy().sockets());
    return peers.closeAll(vertx, CloseCode.SERVICE_RESTART, settings.drainTimeout())
        .compose(drained -> server.shutdown(0, TimeUnit.SECONDS)); // whoever is still connected is cut now
  }

  /** The port actually bound (HTTP_PORT=0 picks a free one). */
  public int port() {
    return server.actualPort();
  }

  static HttpServerOptions serverOptions(Settings settings) {
    var options = new HttpServerOptions()
        // signaling frames are small and already compact: deflate would cost CPU and memory per socket
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setMaxWebSocketMessageSize(settings.maxMessageBytes())
        // frames up to 4x the limit reach the size check and get a clean too-large; larger ones are cut
        .setMaxWebSocketFrameSize(4 * settings.maxMessageBytes())
        // a peer that does not answer our close (a stalled reader) is cut after this
        .setWebSocketClosingTimeout(CLOSING_TIMEOUT_SECONDS)
        .setReadIdleTimeout((int) settings.idleTimeout().toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    if (settings.tlsEnabled()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(settings.tlsCertPath()).setKeyPath(settings.tlsKeyPath()));
    }
    return options;
  }
}
