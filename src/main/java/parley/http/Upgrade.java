package parley.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.Node;
import parley.config.Settings;
import parley.peer.Occupancy;
import parley.peer.PeerSocket;
import parley.peer.Peers;
import parley.room.RoomName;
import parley.room.Rooms;

import java.util.Optional;

/** {@code GET /room/{room}}: every check that can refuse a socket runs before the upgrade, then the room takes it. */
final class Upgrade implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(Upgrade.class);

  private final Settings settings;
  private final Node node;
  private final Rooms rooms;
  private final Peers peers;

  Upgrade(Settings settings, Node node, Rooms rooms, Peers peers) {
    this.settings = settings;
    this.node = node;
    this.rooms = rooms;
    this.peers = peers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Optional<RoomName> room = RoomName.parse(ctx.pathParam("room"));
    if (room.isEmpty()) {
      refuse(ctx, 400, "bad-room", "invalid room name: use 1 to 64 letters, digits, '_' or '-'");
      return;
    }
    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      refuse(ctx, 426, "not-websocket", "this is the signaling WebSocket: open /" + room.get() + " in a browser");
      return;
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !settings.allowedOrigins().isEmpty() && !settings.allowedOrigins().contains(origin)) {
      log.info("Refused origin={} room={}", origin, room.get());
      refuse(ctx, 403, "origin", "origin not allowed");
      return;
    }
    if (node.draining()) {
      refuse(ctx, 503, "draining", "this node is shutting down");
      return;
    }
    String client = ClientAddress.of(request, settings.trustedProxies());
    Occupancy.Verdict verdict = node.occupancy().admit(client);
    if (verdict != Occupancy.Verdict.ADMITTED) {
      log.warn("Refused socket from={} room={}: {}", client, room.get(), verdict);
      boolean nodeFull = verdict == Occupancy.Verdict.NODE_FULL;
      refuse(ctx, nodeFull ? 503 : 429, nodeFull ? "node-full" : "address-full", "too many connections");
      return;
    }
    request.toWebSocket()
        .onFailure(problem -> node.occupancy().release(client))
        .onSuccess(ws -> {
          var socket = new PeerSocket(ws, client, settings, node.meters(), gone -> {
            node.occupancy().release(client);
            peers.remove(gone);
          });
          peers.add(socket);
          rooms.admit(socket, room.get(), request.getParam("resume"));
        });
  }

  private void refuse(RoutingContext ctx, int status, String reason, String why) {
    node.meters().refused(reason);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(why);
  }
}
