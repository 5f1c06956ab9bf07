package parley;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parley.support.Await;
import parley.support.Http;
import parley.support.JarProcess;
import parley.support.Ports;
import parley.support.TestPeer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fat jar, started as a user starts it. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JarIT {
  private static final Map<String, String> LOOPBACK_ANY_PORT = Map.of("HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0");
  private static Vertx clients;

  @BeforeAll
  static void start() {
    clients = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    Await.result(clients.close());
  }

  /** bin/test runs these tests on Java 17 and again on Java 25 (-Dparley.java.home): the jar says which, and epoll. */
  @Test
  void the_jar_names_its_runtime_and_carries_sockets_on_native_epoll() throws IOException {
    String release = java.nio.file.Files.readAllLines(JarProcess.JAVA_HOME.resolve("release")).stream()
        .filter(line -> line.startsWith("JAVA_VERSION=")).findFirst().orElseThrow().replaceAll("[^0-9.]", "");
    try (JarProcess jar = JarProcess.start(LOOPBACK_ANY_PORT, List.of(), List.of())) {
      String line = jar.awaitLine("Running on Java", Duration.ofSeconds(60));
      assertTrue(line.contains("Running on Java " + release), line + " (expected Java " + release + ")");
      assertTrue(line.endsWith("transport: native epoll"), line);
      jar.awaitPort(Duration.ofSeconds(60));
      assertTrue(jar.output().stream().noneMatch(l -> l.startsWith("WARNING")), "no JVM warnings: " + jar.output());
    }
  }

  @Test
  void the_jar_serves_ready_relays_between_two_peers_and_drains_on_sigterm() {
    var env = new java.util.HashMap<>(LOOPBACK_ANY_PORT);
    env.put("DRAIN_TIMEOUT_MS", "3000");
    try (JarProcess jar = JarProcess.start(env, List.of(), List.of("-conf", "conf/config.json"))) {
      int port = jar.awaitPort(Duration.ofSeconds(60));
      assertEquals(200, Http.get(clients, port, "/health/ready").status());
      assertEquals(200, Http.get(clients, port, "/demo").status());
      try (TestPeer alice = TestPeer.join(clients, port, "/room/demo");
           TestPeer bob = TestPeer.join(clients, port, "/room/demo")) {
        alice.next("peer-joined");
        alice.signal("offer", bob.id(), new JsonObject().put("sdp", "v=0"));
        assertEquals(alice.id(), bob.next("offer").getString("from"));
        jar.terminate();
        assertEquals((short) 1012, alice.closeStatus());
        assertEquals((short) 1012, bob.closeStatus());
        jar.awaitExit(Duration.ofSeconds(10));
      }
      assertTrue(jar.output().stream().anyMatch(line -> line.contains("Peer joined room=demo peer=" )), "joins are logged");
    }
  }

  @Test
  void a_bad_setting_stops_start_up_with_one_line_naming_the_key() {
    var env = new java.util.HashMap<>(LOOPBACK_ANY_PORT);
    env.put("RATE_LIMIT_BURST", "plenty");
    try (JarProcess jar = JarProcess.start(env, List.of(), List.of())) {
      assertNotEquals(0, jar.awaitExit(Duration.ofSeconds(60)));
      List<String> naming = jar.output().stream().filter(line -> line.contains("RATE_LIMIT_BURST")).toList();
      assertEquals(1, naming.size(), "one line: " + jar.output());
      assertTrue(naming.get(0).contains("plenty"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"HTTP_PORT", "CLUSTER_PORT", "EVENTBUS_PORT"})
  void a_port_already_taken_stops_start_up_with_one_line_naming_the_address_and_the_key(String key) throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      var env = new java.util.HashMap<>(LOOPBACK_ANY_PORT);
      if (!key.equals("HTTP_PORT")) {
        env.putAll(Map.of("CLUSTER", "true", "CLUSTER_HOST", "127.0.0.1", "CLUSTER_PORT", String.valueOf(Ports.freeTcp())));
      }
      env.put(key, String.valueOf(taken.getLocalPort()));
      try (JarProcess jar = JarProcess.start(env, List.of(), List.of())) {
        assertEquals(2, jar.awaitExit(Duration.ofSeconds(60)), "exit code, after: " + jar.output());
        String address = "127.0.0.1:" + taken.getLocalPort();
        List<String> naming = jar.output().stream().filter(line -> line.contains(key)).toList();
        assertEquals(1, naming.size(), "one line: " + jar.output());
        assertTrue(naming.get(0).contains(address), naming.get(0));
        assertTrue(jar.output().stream().noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ")),
            "no stack trace: " + jar.output());
      }
    }
  }

  @Test
  void a_system_property_overrides_the_environment() {
    var env = new java.util.HashMap<>(LOOPBACK_ANY_PORT);
    env.put("ROOM_CAPACITY", "5");
    try (JarProcess jar = JarProcess.start(env, List.of("-DROOM_CAPACITY=1"), List.of())) {
      int port = jar.awaitPort(Duration.ofSeconds(60));
      try (TestPeer alice = TestPeer.join(clients, port, "/room/solo");
           TestPeer bob = TestPeer.open(clients, port, "/room/solo", null)) {
        bob.error("room-full");
        assertEquals((short) 4001, bob.closeStatus());
      }
    }
  }
}
