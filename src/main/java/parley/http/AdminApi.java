package parley.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.protocol.RoomName;
import parley.room.Access;
import parley.roster.Roster;
import parley.roster.RosterEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's API under /api, behind {@code Authorization: Bearer ADMIN_TOKEN}: the rooms, one room,
 * and removing a peer or everyone. Answers come from the roster, so they are the cluster's and reflect
 * every change a peer has been told of.
 */
final class AdminApi {
  private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
  private static final String BEARER = "Bearer ";

  private final byte[] token;
  private final Roster roster;
  private final Access access;

  private AdminApi(String token, Roster roster, Access access) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.roster = roster;
    this.access = access;
  }

  /** Mounts the four routes, each checked for the bearer token first. */
  static void mount(Router router, String token, Roster roster, Access access) {
    var api = new AdminApi(token, roster, access);
    router.route("/api/*").handler(api::authorize);
    router.get("/api/rooms").handler(api::rooms);
    router.get("/api/rooms/:room").handler(ctx -> api.withRoom(ctx, room -> api.room(ctx, room)));
    router.delete("/api/rooms/:room/peers/:id").handler(ctx -> api.withRoom(ctx, room ->
        api.noContentUnless(ctx, access.remove(room, ctx.pathParam("id")))));
    router.delete("/api/rooms/:room").handler(ctx -> api.withRoom(ctx, room -> api.noContentUnless(ctx, access.clear(room))));
  }

  /** Constant-time comparison, so the time of a refusal tells nothing of the token. */
  private void authorize(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    byte[] presented = header != null && header.startsWith(BEARER)
        ? header.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
    if (MessageDigest.isEqual(presented, token)) {
      ctx.next();
    } else {
      log.info("Refused operator request {} {} from={}", ctx.request().method(), ctx.request().path(), ctx.request().remoteAddress());
      ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
    }
  }

  private void rooms(RoutingContext ctx) {
    roster.rooms().onSuccess(all -> {
      JsonArray rooms = new JsonArray();
      all.entrySet().stream().filter(e -> !e.getValue().members().isEmpty())
          .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(RoomName::value)))
          .forEach(e -> rooms.add(new JsonObject().put("room", e.getKey().value())
              .put("peers", e.getValue().members().size()).put("locked", e.getValue().locked())));
      ctx.json(new JsonObject().put("rooms", rooms));
    }).onFailure(ctx::fail);
  }

  private void room(RoutingContext ctx, RoomName room) {
    roster.entry(room).onSuccess(entry -> {
      if (entry.members().isEmpty()) {
        ctx.response().setStatusCode(404).end();
        return;
      }
      JsonArray peers = new JsonArray();
      for (RosterEntry.Member member : entry.members()) {
        JsonObject peer = new JsonObject().put("id", member.peer());
        peers.add(member.name() == null ? peer : peer.put("name", member.name()));
      }
      ctx.json(new JsonObject().put("room", room.value()).put("locked", entry.locked())
          .put("hosts", new JsonArray(entry.hosts())).put("peers", peers).put("knocking", entry.knockers().size()));
    }).onFailure(ctx::fail);
  }

  private void withRoom(RoutingContext ctx, java.util.function.Consumer<RoomName> then) {
    Optional<RoomName> room = RoomName.parse(ctx.pathParam("room"));
    if (room.isEmpty()) {
      ctx.response().setStatusCode(404).end();
    } else {
      then.accept(room.get());
    }
  }

  private void noContentUnless(RoutingContext ctx, Future<Boolean> done) {
    done.onSuccess(found -> ctx.response().setStatusCode(found ? 204 : 404).end()).onFailure(ctx::fail);
  }
}
