package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.config.Settings;
import parley.metrics.Meters;
import parley.peer.Occupancy;
import parley.peer.PeerSocket;
import parley.peer.Peers;
import parley.protocol.PeerName;
import parley.protocol.RoomName;
import parley.room.Rooms;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Every path under {@code /room/}: every check that can refuse a socket runs before the upgrade, then the
 * room takes it. The room is read from the path as the client sent it, so a path that the router would
 * normalise ({@code /room/..}, {@code /room/%2e%2e/x}) or split ({@code /room/a/b}) is refused, never rerouted.
 */
final class Upgrade implements Handler<RoutingContext> {
  static final String PREFIX = "/room/";
  private static final Logger log = LoggerFactory.getLogger(Upgrade.class);

  private final Settings settings;
  private final Meters meters;
  private final Occupancy occupancy;
  private final Rooms rooms;
  private final Peers peers;
  /** Null when rooms are open to anyone with the link. */
  private final JoinTokens tokens;

  Upgrade(Settings settings, Meters meters, Occupancy occupancy, Rooms rooms, Peers peers, JoinTokens tokens) {
    this.tokens = tokens;
    this.settings = settings;
    this.meters = meters;
    this.occupancy = occupancy;
    this.rooms = rooms;
    this.peers = peers;
  }

  /** True for a request under /room/, as sent or after the router's normalisation: this handler answers all of them. */
  static boolean claims(RoutingContext ctx) {
    return ctx.request().path().startsWith(PREFIX) || ctx.normalizedPath().startsWith(PREFIX);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Optional<RoomName> room = roomOf(request.path());
    if (room.isEmpty()) {
      refuse(ctx, 400, "bad-room", "invalid room name: use 1 to 64 letters, digits, '_' or '-'");
      return;
    }
    if (request.method() != HttpMethod.GET || !"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      refuse(ctx, 426, "not-websocket", "this is the signaling WebSocket: open /" + room.get() + " in a browser");
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !settings.allowedOrigins().isEmpty() && !settings.allowedOrigins().contains(origin)) {
      log.info("Refused origin={} room={}", origin, room.get());
      refuse(ctx, 403, "origin", "origin not allowed");
      return;
    }
    String client = ClientAddress.of(request, settings.trustedProxies());
    newcomer(request, room.get())
        .onFailure(problem -> {
          log.info("Refused join token room={} from={}: {}", room.get(), client, problem.getMessage());
          refuse(ctx, 401, "token", "this room needs a valid join token");
        })
        .onSuccess(newcomer -> admit(ctx, room.get(), client, newcomer));
  }

  /** Who the socket says it is: its token's claims when join tokens are on, and its ?name= unless the token names it. */
  private Future<Rooms.Newcomer> newcomer(HttpServerRequest request, RoomName room) {
    String name = PeerName.clean(request.getParam("name"));
    if (tokens == null) return Future.succeededFuture(new Rooms.Newcomer(name, false));
    return tokens.verify(request.getParam("token"), room)
        .map(claimed -> claimed.name() != null ? claimed : new Rooms.Newcomer(name, claimed.host()));
  }

  private void admit(RoutingContext ctx, RoomName room, String client, Rooms.Newcomer newcomer) {
    Occupancy.Verdict verdict = occupancy.admit(client);
    switch (verdict) {
      case ADMITTED -> upgrade(ctx.request(), room, client, newcomer);
      case DRAINING -> refuse(ctx, 503, "draining", "this node is shutting down");
      case NODE_FULL, ADDRESS_FULL -> {
        log.warn("Refused socket from={} room={}: {}", client, room, verdict);
        boolean nodeFull = verdict == Occupancy.Verdict.NODE_FULL;
        refuse(ctx, nodeFull ? 503 : 429, nodeFull ? "node-full" : "address-full", "too many connections");
      }
    }
  }

  /** The room a raw request path names: exactly one segment after /room/, percent-decoded, that is a valid name. */
  static Optional<RoomName> roomOf(String rawPath) {
    if (!rawPath.startsWith(PREFIX)) return Optional.empty();
    try {
      return RoomName.parse(URLDecoder.decode(rawPath.substring(PREFIX.length()), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException malformedEscape) {
      return Optional.empty();
    }
  }

  private void upgrade(HttpServerRequest request, RoomName room, String client, Rooms.Newcomer newcomer) {
    request.toWebSocket()
        .onFailure(problem -> occupancy.release(client))
        .onSuccess(ws -> {
          var socket = new PeerSocket(ws, request.connection(), client, settings, meters, gone -> {
            occupancy.release(client);
            peers.remove(gone);
          });
          peers.add(socket);
          rooms.admit(socket, room, request.getParam("resume"), newcomer);
        });
  }

  private void refuse(RoutingContext ctx, int status, String reason, String why) {
    meters.refused(reason);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(why);
  }
}
