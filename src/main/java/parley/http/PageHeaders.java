package parley.http;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.MimeMapping;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.HSTSHandler;
import io.vertx.ext.web.handler.XFrameHandler;
import parley.config.Settings;

import java.util.List;

/**
 * What every page and file is sent with: a Content-Security-Policy that allows the page's own scripts,
 * styles and WebSocket only; no framing unless ALLOWED_ORIGINS names who may; no MIME sniffing; no
 * Referer (a room's link may carry a join token); camera, microphone and screen for the page itself;
 * HSTS under TLS. And revalidation: HTML and modules have unversioned URLs, so a browser must ask
 * again (Last-Modified, 304) rather than keep an old page against a newer server.
 */
final class PageHeaders {
  /** Browsers revalidate every time; an unchanged file costs a 304. */
  static final String CACHE_CONTROL = "no-cache";

  private PageHeaders() {
  }

  private static void contentType(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    String type = MimeMapping.mimeTypeForFilename(path.endsWith("/") ? path + "index.html" : path);
    if (type != null) ctx.response().headers().set("Content-Type", type.startsWith("text") ? type + ";charset=UTF-8" : type);
  }

  static void mount(Router router, Settings settings) {
    List<String> framers = settings.allowedOrigins().stream().sorted().toList();
    String ancestors = framers.isEmpty() ? "'none'" : String.join(" ", framers);
    String devices = "(self" + (framers.isEmpty() ? "" : " " + String.join(" ", framers.stream().map(o -> "\"" + o + "\"").toList())) + ")";
    router.route().handler(CSPHandler.create()
        .setDirective("default-src", "'self'")
        .setDirective("script-src", "'self'")
        .setDirective("style-src", "'self'")
        .setDirective("img-src", "'self' data: blob:")
        .setDirective("media-src", "'self' blob: mediastream:")
        .setDirective("connect-src", "'self'")
        .setDirective("object-src", "'none'")
        .setDirective("base-uri", "'none'")
        .setDirective("form-action", "'self'")
        .setDirective("frame-ancestors", ancestors));
    // X-Frame-Options cannot name origins: with framers allowed, frame-ancestors alone decides
    if (framers.isEmpty()) router.route().handler(XFrameHandler.create(XFrameHandler.DENY));
    if (settings.tlsEnabled()) router.route().handler(HSTSHandler.create());
    router.route().handler(ctx -> {
      ctx.response().headers()
          .set("X-Content-Type-Options", "nosniff")
          .set("Referrer-Policy", "no-referrer")
          .set("Permissions-Policy", "camera=" + devices + ", microphone=" + devices + ", display-capture=" + devices)
          .set("Cache-Control", CACHE_CONTROL); // StaticHandler keeps it, and adds Last-Modified
      // vertx-web's StaticHandler answers HEAD without the Content-Type a GET has
      if (ctx.request().method() == HttpMethod.HEAD) contentType(ctx);
      ctx.next();
    });
  }
}
