package parley.browser;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.Await;
import parley.support.SingleNode;
import parley.support.TestCertificate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TLS_CERT_PATH and TLS_KEY_PATH: HTTPS and WSS on HTTP_PORT, so cameras work beyond localhost. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TlsTest {

  static SingleNode secureNode(TestCertificate certificate) {
    return new SingleNode(CallTest.browserSettings()
        .put("TLS_CERT_PATH", certificate.cert().toString()).put("TLS_KEY_PATH", certificate.key().toString()));
  }

  @Test
  void https_and_wss_are_served_with_the_configured_certificate() throws Exception {
    TestCertificate certificate = TestCertificate.create();
    try (SingleNode node = secureNode(certificate)) {
      var http = node.clients().createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
      int status = Await.result(http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
          .setPort(node.port(0)).setURI("/health/ready")).compose(r -> r.send()).map(r -> r.statusCode()));
      assertEquals(200, status);
      var wss = node.clients().createWebSocketClient(new WebSocketClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
      CompletableFuture<JsonObject> first = new CompletableFuture<>();
      var ws = wss.webSocket().textMessageHandler(text -> first.complete(new JsonObject(text)));
      Await.result(ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port(0)).setURI("/room/secure")));
      assertEquals("welcome", first.get(10, TimeUnit.SECONDS).getString("type"));
    }
  }

  @Test
  void a_call_works_on_an_https_page() {
    TestCertificate certificate = TestCertificate.create();
    try (SingleNode node = secureNode(certificate);
         Browser browser = new Browser(List.of("--ignore-certificate-errors-spki-list=" + certificate.spkiHash()))) {
      String url = "https://127.0.0.1:" + node.port(0) + "/secure-call?join=1";
      Person alice = browser.person("alice").open(url);
      Person bob = browser.person("bob").open(url);
      CallTest.assertSeesVideo(alice, bob);
      CallTest.assertSeesVideo(bob, alice);
    }
  }
}
