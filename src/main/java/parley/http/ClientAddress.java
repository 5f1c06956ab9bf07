package parley.http;

import io.vertx.core.http.HttpServerRequest;

import java.util.Set;

/** The address a request comes from: the peer of the TCP connection, or what a trusted proxy says it forwarded. */
final class ClientAddress {
  private ClientAddress() {
  }

  static String of(HttpServerRequest request, Set<String> trustedProxies) {
    String remote = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded == null || !trustedProxies.contains(remote)) return remote;
    // the right-most address that no trusted proxy added is the client's
    String[] hops = forwarded.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (!hop.isEmpty() && !trustedProxies.contains(hop)) return hop;
    }
    return remote;
  }
}
