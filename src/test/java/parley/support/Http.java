package parley.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.Map;

/** Plain HTTP requests and upgrade attempts for tests. */
public final class Http {
  private Http() {
  }

  public record Answer(int status, String contentType, String body, MultiMap headers) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  /** Sends the path exactly as written. */
  public static Answer get(Vertx vertx, int port, String path) {
    return request(vertx, port, HttpMethod.GET, path, Map.of());
  }

  /**
   * Sends the path as written with the JDK's own client, which shares nothing with the Vert.x the test
   * peers run on (a Vert.x client there now and then never saw an answer the server had sent).
   */
  public static Answer request(Vertx vertx, int port, HttpMethod method, String path, Map<String, String> headers) {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
        .timeout(Await.TIMEOUT).method(method.name(), java.net.http.HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    try {
      var response = JDK.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      MultiMap answered = MultiMap.caseInsensitiveMultiMap();
      response.headers().map().forEach(answered::add);
      return new Answer(response.statusCode(), answered.get("Content-Type"), response.body(), answered);
    } catch (java.io.IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static final java.net.http.HttpClient JDK = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(Await.TIMEOUT).build();

  /** 101 when the upgrade succeeded (the socket is then closed), else the refusal's HTTP status. */
  public static int upgradeStatus(Vertx vertx, int port, String path, Map<String, String> headers) {
    var client = vertx.createWebSocketClient();
    var options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path)
        .setAllowOriginHeader(headers.containsKey("Origin"));
    headers.forEach(options::putHeader);
    try {
      return Await.result(client.connect(options).map(ws -> {
        ws.close();
        return 101;
      }).recover(problem -> problem instanceof UpgradeRejectedException rejected
          ? Future.succeededFuture(rejected.getStatus()) : Future.failedFuture(problem)));
    } finally {
      client.close();
    }
  }
}
