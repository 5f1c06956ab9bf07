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
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Promise;
import io.vertx.core.internal.VertxInternal;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.spi.cluster.hazelcast.ClusterHealthCheck;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import parley.cluster.BusEventCodec;
import parley.roster.ClusterRoster;
import parley.cluster.NodeLoss;
import parley.roster.LocalRoster;
import parley.config.Settings;
import parley.http.Routes;
import parley.peer.Peers;
import parley.protocol.CloseCode;
import parley.room.Rooms;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The composition root: load the settings, build the parts, listen. */
public final class Main extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final int CLOSING_TIMEOUT_SECONDS = 3;
  private static final long DRAIN_CHECK_MS = 100;

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
    MeterRegistry registry = Optional.ofNullable(BackendRegistries.getNow(Launcher.registryName(settings)))
        .orElseGet(() -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    HazelcastInstance hazelcast = vertx.isClustered() ? hazelcast(vertx) : null;
    // the roster names nodes as Hazelcast's membership events do
    String nodeId = hazelcast != null ? hazelcast.getCluster().getLocalMember().getUuid().toString() : "local";
    node = Node.of(vertx, settings,
        () -> hazelcast != null ? new ClusterRoster(vertx, hazelcast, nodeId) : new LocalRoster(), registry);
    BusEventCodec.register(vertx.eventBus());
    peers = new Peers(settings.pingInterval());
    var rooms = new Rooms(vertx, settings, node.roster, node.meters, node.places);
    if (hazelcast != null && node.claimNodeLossWatch()) {
      log.info("Joined the cluster as node={} members={}", nodeId, hazelcast.getCluster().getMembers().size());
      NodeLoss.watch(hazelcast, context, rooms::adoptPlacesOf);
    }
    vertx.setPeriodic(Peers.tickMillis(settings.pingInterval()), timer -> peers.pingNextSlice());
    var readiness = HealthChecks.create(vertx)
        .register("serving", promise -> promise.complete(node.occupancy.draining() ? Status.KO() : Status.OK()));
    if (hazelcast != null) readiness.register("cluster", ClusterHealthCheck.createProcedure(vertx));
    return vertx.createHttpServer(serverOptions(settings))
        .requestHandler(Routes.create(vertx, settings, node.meters, node.occupancy, rooms, peers, readiness))
        .listen(settings.httpPort(), settings.httpHost())
        .onSuccess(listening -> {
          server = listening;
          String scheme = settings.tlsEnabled() ? "https" : "http";
          String host = settings.httpHost().equals("0.0.0.0") ? "localhost" : settings.httpHost();
          log.info("Parley is serving: open {}://{}:{}/ in two browsers", scheme, host, listening.actualPort());
        });
  }

  /**
   * Stops being ready, asks every peer to reconnect elsewhere (1012), and waits for their sockets to
   * close and, in a cluster, for their places to be resumed on other nodes, up to DRAIN_TIMEOUT_MS.
   */
  @Override
  public Future<?> stop() {
    if (server == null) return Future.succeededFuture(); // never listened: nothing to drain
    if (node.occupancy.startDraining()) log.info("Draining: closing {} sockets with 1012", node.occupancy.sockets());
    long deadline = System.currentTimeMillis() + settings.drainTimeout().toMillis();
    return peers.closeAll(vertx, CloseCode.SERVICE_RESTART, settings.drainTimeout())
        .compose(closed -> vertx.isClustered() ? placesMoved(deadline) : Future.succeededFuture())
        .compose(drained -> server.shutdown(0, TimeUnit.SECONDS)); // whoever is still connected is cut now
  }

  /** Places still held here after the drain are adopted by a surviving node when this one leaves. */
  private Future<Void> placesMoved(long deadline) {
    Promise<Void> moved = Promise.promise();
    vertx.setPeriodic(0, DRAIN_CHECK_MS, timer -> {
      int held = node.places.count();
      if (held == 0 || System.currentTimeMillis() >= deadline) {
        vertx.cancelTimer(timer);
        if (held > 0) log.info("Drain timeout: {} places left for the cluster to adopt", held);
        moved.tryComplete();
      }
    });
    return moved.future();
  }

  private static HazelcastInstance hazelcast(io.vertx.core.Vertx vertx) {
    return ((HazelcastClusterManager) ((VertxInternal) vertx).clusterManager()).getHazelcastInstance();
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
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        // no browser speaks HTTP/2 without TLS, and the h2c upgrade check in front of every request
        // made each WebSocket upgrade take ~2 ms longer (docs/benchmarks.md, join)
        .setHttp2ClearTextEnabled(false)
        // every write to a socket happens on its own event loop (handlers, bus consumers and roster futures all
        // run there), so Vert.x can write straight through instead of keeping a 4 KB queue per connection
        .setStrictThreadMode(true);
    if (settings.tlsEnabled()) {
      options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(settings.tlsCertPath()).setKeyPath(settings.tlsKeyPath()));
    }
    return options;
  }
}
