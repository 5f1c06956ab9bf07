package parley.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import parley.metrics.Meters;
import parley.peer.Occupancy;
import parley.config.Settings;
import parley.peer.Peers;
import parley.room.Rooms;

/** The route table, in match order. */
public final class Routes {
  private Routes() {
  }

  public static Router create(Vertx vertx, Settings settings, Meters meters, Occupancy occupancy, Rooms rooms, Peers peers,
                              HealthChecks readiness) {
    Router router = Router.router(vertx);
    // first, on the path as sent: nothing under /room/ may reach another route by normalisation
    JoinTokens tokens = settings.joinTokens() ? new JoinTokens(vertx, settings.joinTokenSecret()) : null;
    Upgrade upgrade = new Upgrade(settings, meters, occupancy, rooms, peers, tokens);
    router.route().handler(ctx -> {
      if (Upgrade.claims(ctx)) {
        upgrade.handle(ctx);
      } else {
        ctx.next();
      }
    });
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> readiness.checkStatus().onComplete(result -> answer(ctx, result.result())));
    if (settings.adminApi()) AdminApi.mount(router, settings.adminToken(), rooms.roster(), rooms.access());
    router.route("/api/*").handler(ctx -> ctx.response().setStatusCode(404).end()); // no operator API: nothing there
    router.get("/metrics").handler(PrometheusScrapingHandler.create((PrometheusMeterRegistry) meters.registry()));
    // pages and files: GET, and HEAD answered as GET would be
    PageHeaders.mount(router, settings);
    // a room page for any valid name: room names have no '.' or '/', so they never shadow a file
    router.routeWithRegex("/[A-Za-z0-9_-]{1,64}").method(HttpMethod.GET).method(HttpMethod.HEAD)
        .handler(ctx -> ctx.reroute(ctx.request().method(), "/room.html"));
    router.route().method(HttpMethod.GET).method(HttpMethod.HEAD).handler(StaticHandler.create("webroot"));
    return router;
  }

  private static void answer(RoutingContext ctx, CheckResult result) {
    boolean up = result != null && CheckResult.isUp(result);
    JsonObject body = result == null ? new JsonObject().put("status", "DOWN") : result.toJson();
    ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
