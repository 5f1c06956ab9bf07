package parley.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.Map;

/** Plain HTTP requests and upgrade attempts for tests. */
public final class Http {
  private Http() {
  }

  public record Answer(int status, String contentType, String body, io.vertx.core.MultiMap headers) {
    public String header(String name) {
      return headers.get(name);
    }
  }

  /** Sends the path exactly as written. */
  public static Answer get(Vertx vertx, int port, String path) {
    return request(vertx, port, HttpMethod.GET, path, Map.of());
  }

  /** A client of its own for each request, closed after it: no pooled connection outlives its answer. */
  public static Answer request(Vertx vertx, int port, HttpMethod method, String path, Map<String, String> headers) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
    var options = new RequestOptions().setHost("127.0.0.1").setPort(port).setURI(path).setMethod(method);
    headers.forEach(options::putHeader);
    try {
      return Await.result(client.request(options).compose(request -> request.send())
          .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
              response.getHeader("Content-Type"), body.toString(), response.headers()))));
    } finally {
      client.close();
    }
  }

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
