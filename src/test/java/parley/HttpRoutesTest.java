package parley;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.support.Await;
import parley.support.Deployment;
import parley.support.Http;
import parley.support.RawSocket;
import parley.support.SingleNode;
import parley.support.TestPeer;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class HttpRoutesTest {
  private static final String GOOD_ORIGIN = "https://good.example";
  private static SingleNode node;

  @BeforeAll
  static void start() {
    node = new SingleNode(Deployment.scenarioSettings().put("ALLOWED_ORIGINS", GOOD_ORIGIN + ",http://localhost:8080"));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  static Http.Answer get(String path) {
    return Http.get(node.clients(), node.port(0), path);
  }

  static int upgradeStatus(String path, String origin) {
    return Http.upgradeStatus(node.clients(), node.port(0), path, origin == null ? Map.of() : Map.of("Origin", origin));
  }

  @Test
  void the_landing_page_is_served_at_the_root() {
    Http.Answer answer = get("/");
    assertEquals(200, answer.status());
    assertTrue(answer.contentType().startsWith("text/html"));
    assertTrue(answer.body().contains("Parley"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/demo", "/Team_Standup-2", "/a", "/" + "x123456789x123456789x123456789x123456789x123456789x123456789abcd"})
  void every_valid_room_name_gets_the_same_room_page(String path) {
    Http.Answer room = get(path);
    assertEquals(200, room.status());
    assertTrue(room.contentType().startsWith("text/html"));
    assertEquals(get("/room.html").body(), room.body());
    assertNotEquals(get("/").body(), room.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bad.name", "/two/segments", "/x123456789x123456789x123456789x123456789x123456789x123456789abcde",
      "/spaces%20here", "/nothing-here.js"})
  void a_path_that_is_neither_a_room_nor_a_file_is_404(String path) {
    assertEquals(404, get(path).status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/../pom.xml", "/..%2fpom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/js/../../pom.xml",
      "/webroot/../pom.xml", "//etc/passwd", "/..\\..\\etc\\passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
      "/logback.xml", "/parley/Main.class", "/room/..%2f..%2fpom.xml"})
  void no_path_reads_outside_the_web_root(String path) {
    // sent byte for byte (a URI class would refuse or rewrite some of these): nothing but a refusal comes back
    assertNotEquals(200, RawSocket.status(node.clients(), node.port(0), path, false), path);
  }

  @Test
  void static_files_are_served_under_their_own_paths() {
    assertEquals(200, get("/room.html").status());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/room/bad.name", "/room/has%20space", "/room/" + "y123456789y123456789y123456789y123456789y123456789y123456789abcde"})
  void an_invalid_room_name_is_refused_with_400_before_the_upgrade(String path) {
    assertEquals(400, upgradeStatus(path, null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/room/..", "/room/%2e%2e", "/room/../etc", "/room/", "/room/a/b", "/room/%2e%2e/%2e%2e/etc/passwd",
      "/room/a%2Fb", "/room/../health/live", "/room/./demo", "/room/demo/", "/room/%zz"})
  void a_path_under_room_that_is_not_exactly_one_room_name_is_400_with_or_without_an_upgrade(String path) {
    // sent byte for byte: Vert.x's own client does not always send a path with a malformed escape
    assertEquals(400, RawSocket.status(node.clients(), node.port(0), path, false), "plain GET " + path);
    assertEquals(400, RawSocket.status(node.clients(), node.port(0), path, true), "upgrade " + path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/demo", "/js/room.js", "/js/signaling.js", "/css/parley.css", "/favicon.svg"})
  void every_page_and_file_is_revalidated_rather_than_kept_for_a_day(String path) {
    Http.Answer first = get(path);
    assertEquals(200, first.status());
    assertEquals("no-cache", first.header("Cache-Control"), "not public, immutable, max-age=86400");
    String lastModified = first.header("Last-Modified");
    assertTrue(lastModified != null && !lastModified.isBlank(), "a validator to revalidate with");
    Http.Answer again = Http.request(node.clients(), node.port(0), HttpMethod.GET, path, Map.of("If-Modified-Since", lastModified));
    assertEquals(304, again.status(), "unchanged: not sent again");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/demo", "/js/room.js"})
  void pages_and_files_carry_the_security_headers_and_only_allowed_origins_may_frame_them(String path) {
    Http.Answer answer = get(path);
    String csp = answer.header("Content-Security-Policy");
    for (String directive : List.of("default-src 'self'", "script-src 'self'", "connect-src 'self'", "style-src 'self'",
        "object-src 'none'", "base-uri 'none'", "frame-ancestors http://localhost:8080 " + GOOD_ORIGIN)) {
      assertTrue(csp.contains(directive), directive + " in " + csp);
    }
    assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
    assertNull(answer.header("X-Frame-Options"), "it cannot name origins: frame-ancestors decides");
    assertEquals("nosniff", answer.header("X-Content-Type-Options"));
    assertEquals("no-referrer", answer.header("Referrer-Policy"));
    String devices = "(self \"http://localhost:8080\" \"" + GOOD_ORIGIN + "\")";
    assertEquals("camera=" + devices + ", microphone=" + devices + ", display-capture=" + devices, answer.header("Permissions-Policy"));
    assertNull(answer.header("Strict-Transport-Security"), "HSTS only under TLS");
  }

  @Test
  void without_allowed_origins_nobody_may_frame_the_page() {
    try (SingleNode open = new SingleNode(Deployment.scenarioSettings())) {
      Http.Answer answer = Http.get(open.clients(), open.port(0), "/demo");
      assertTrue(answer.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
      assertEquals("DENY", answer.header("X-Frame-Options"));
      assertEquals("camera=(self), microphone=(self), display-capture=(self)", answer.header("Permissions-Policy"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/demo", "/js/room.js", "/css/parley.css"})
  void head_answers_as_get_would_without_the_body(String path) {
    Http.Answer get = get(path);
    Http.Answer head = Http.request(node.clients(), node.port(0), HttpMethod.HEAD, path, Map.of());
    assertEquals(200, head.status());
    assertEquals(get.contentType(), head.contentType());
    assertEquals(get.header("Content-Length"), head.header("Content-Length"));
    assertEquals("", head.body());
    assertEquals(404, Http.request(node.clients(), node.port(0), HttpMethod.HEAD, "/no/such/file", Map.of()).status());
  }

  @Test
  void the_signaling_path_without_an_upgrade_says_so() {
    assertEquals(426, get("/room/demo").status());
  }

  @Test
  void a_disallowed_origin_is_refused_with_403_before_the_upgrade() {
    assertEquals(403, upgradeStatus("/room/demo", "https://evil.example"));
    assertEquals(403, upgradeStatus("/room/demo", "null"));
  }

  @Test
  void an_allowed_origin_or_no_origin_header_may_connect() {
    assertEquals(101, upgradeStatus("/room/demo", GOOD_ORIGIN));
    assertEquals(101, upgradeStatus("/room/demo", null));
  }

  @Test
  void liveness_and_readiness_answer_200_while_serving() {
    assertEquals(200, get("/health/live").status());
    Http.Answer ready = get("/health/ready");
    assertEquals(200, ready.status());
    assertEquals("UP", new JsonObject(ready.body()).getString("status"));
  }

  @Test
  void metrics_are_exported_in_prometheus_format_with_the_contracts_names() {
    String room = Deployment.freshRoom();
    try (TestPeer alice = TestPeer.join(node.clients(), node.port(0), "/room/" + room);
         TestPeer bob = TestPeer.join(node.clients(), node.port(0), "/room/" + room)) {
      alice.next("peer-joined");
      alice.signal("offer", bob.id(), new JsonObject());
      bob.next("offer");
      alice.sendText("nonsense");
      alice.error("bad-message");
      Http.Answer metrics = get("/metrics");
      assertEquals(200, metrics.status());
      String text = metrics.body();
      assertTrue(text.contains("# TYPE parley_peers gauge"));
      assertTrue(text.contains("parley_peers 2.0"), "two sockets open");
      assertTrue(text.contains("parley_bus_consumers 2.0"), "one consumer for each of the two places");
      assertTrue(text.contains("# TYPE parley_rooms gauge"));
      assertTrue(text.matches("(?s).*parley_messages_relayed_total\\{type=\"offer\"} [1-9].*"));
      assertTrue(text.matches("(?s).*parley_errors_total\\{code=\"bad-message\"} [1-9].*"));
      assertTrue(text.contains("# TYPE parley_relay_latency_seconds histogram"));
      assertTrue(text.contains("parley_relay_latency_seconds_bucket{le=\"0.001\"}"));
    }
  }
}
