package parley.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A protocol-speaking peer for tests: it records every frame and how its socket closed. */
public final class TestPeer implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final WebSocketClient client;
  private final ClientWebSocket ws;
  private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();
  private JsonObject welcome;
  private JsonObject lobby;

  /** One client per Vert.x: a client per peer would be thousands of pools in a soak. */
  private static final java.util.Map<Vertx, WebSocketClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

  private TestPeer(Vertx vertx) {
    this.client = CLIENTS.computeIfAbsent(vertx, v -> v.createWebSocketClient(
        new WebSocketClientOptions().setMaxFrameSize(1 << 24).setMaxMessageSize(1 << 24).setClosingTimeout(1)
            .setMaxConnections(100_000)));
    this.ws = client.webSocket();
    ws.textMessageHandler(text -> frames.add(new JsonObject(text)));
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
  }

  /** Opens a socket to {@code path} (e.g. /room/abc) and waits for the first frame, which must be a welcome. */
  public static TestPeer join(Vertx vertx, int port, String path) {
    TestPeer peer = open(vertx, port, path, null);
    peer.welcome = peer.next("welcome");
    return peer;
  }

  public static TestPeer join(Vertx vertx, int port, String room, String resumeToken) {
    return join(vertx, port, "/room/" + room + "?resume=" + resumeToken);
  }

  /** Opens a socket without waiting for anything; {@code origin} null sends no Origin header. */
  public static TestPeer open(Vertx vertx, int port, String path, String origin) {
    return open(vertx, port, path, origin, java.util.Map.of());
  }

  public static TestPeer open(Vertx vertx, int port, String path, String origin, java.util.Map<String, String> headers) {
    TestPeer peer = new TestPeer(vertx);
    var options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path).setAllowOriginHeader(origin != null);
    if (origin != null) options.putHeader("Origin", origin);
    headers.forEach(options::putHeader);
    Await.result(peer.ws.connect(options));
    return peer;
  }

  /** Opens a socket to a locked room and waits for the first frame, which must be a lobby. */
  public static TestPeer knock(Vertx vertx, int port, String path) {
    TestPeer peer = open(vertx, port, path, null);
    peer.lobby = peer.next("lobby");
    return peer;
  }

  /** The lobby frame of a knocker; null for a peer welcomed at once. */
  public JsonObject lobby() {
    return lobby;
  }

  /** The id the peer knocked with; the same id it has once let in. */
  public String knockId() {
    return lobby.getString("id");
  }

  public JsonObject welcome() {
    return welcome;
  }

  public String id() {
    return welcome.getString("id");
  }

  public String token() {
    return welcome.getString("resume");
  }

  /** The next frame, whatever it is; fails the test if none comes in time. */
  public JsonObject next() {
    return next(WAIT);
  }

  /** The next frame within {@code within}, for events the contract allows longer than the usual wait. */
  public JsonObject next(Duration within) {
    try {
      JsonObject frame = frames.poll(within.toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(frame, "expected a frame within " + within);
      if (welcome == null && "welcome".equals(frame.getString("type"))) welcome = frame;
      return frame;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  public JsonObject next(String type) {
    return next(type, WAIT);
  }

  public JsonObject next(String type, Duration within) {
    JsonObject frame = next(within);
    assertEquals(type, frame.getString("type"), "unexpected frame " + frame.encode());
    return frame;
  }

  /** The next frame must be an error with this code. */
  public JsonObject error(String code) {
    JsonObject frame = next("error");
    assertEquals(code, frame.getString("code"), frame.encode());
    return frame;
  }

  public TestPeer send(JsonObject message) {
    return sendText(message.encode());
  }

  /** Writes every message without waiting between them; waits for the last. */
  public TestPeer sendAll(List<JsonObject> messages) {
    io.vertx.core.Future<Void> last = io.vertx.core.Future.succeededFuture();
    for (JsonObject message : messages) last = ws.writeTextMessage(message.encode());
    Await.result(last);
    return this;
  }

  public TestPeer sendText(String text) {
    Await.result(ws.writeTextMessage(text));
    return this;
  }

  public TestPeer sendBinary(byte[] bytes) {
    Await.result(ws.writeBinaryMessage(Buffer.buffer(bytes)));
    return this;
  }

  public TestPeer signal(String type, String to, Object data) {
    JsonObject message = new JsonObject().put("type", type).put("data", data);
    if (to != null) message.put("to", to);
    return send(message);
  }

  /** Closes with this status code; the server sees a close frame. */
  public void close(int status) {
    Await.result(ws.close((short) status));
  }

  /** Stops reading from the socket, as a stalled browser tab would. */
  public void pause() {
    ws.pause();
  }

  /** The close status the server sent, waiting for it if need be (null: no status). */
  public Short closeStatus() {
    try {
      return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("socket did not close within " + WAIT, e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Every frame not read yet. */
  public List<JsonObject> drain() {
    List<JsonObject> rest = new java.util.ArrayList<>();
    frames.drainTo(rest);
    return rest;
  }

  /** The room of this peer's welcome. */
  public String room() {
    return welcome == null ? null : welcome.getString("room");
  }

  /** True when a frame has arrived that no test read yet. */
  public boolean hasPending() {
    return !frames.isEmpty();
  }

  @Override
  public void close() {
    if (!closed.isDone()) ws.close();
  }
}
