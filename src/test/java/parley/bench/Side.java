package parley.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;

/**
 * One side of a pair: one socket. Relayed frames go to {@link #onRelayed}; the first frame and
 * membership frames are parsed as JSON, relayed ones only scanned for their send time.
 * Lives on the generator's one event loop, so it needs no locking.
 */
final class Side {
  interface Sink {
    void relayed(long sentNanos);
  }

  final String side;
  final Promise<Void> ready = Promise.promise();
  final Promise<Void> partnerKnown = Promise.promise();
  final Promise<Long> partnerGone = Promise.promise();
  final Promise<Void> closed = Promise.promise();
  private final Dialect dialect;
  private final String run;
  private final int pair;
  private ClientWebSocket ws;
  private String ownId;
  private String partnerId;
  private String resumeToken;
  private String[] prefixes;
  private String[] suffixes;
  volatile Sink sink = sent -> { };

  Side(Dialect dialect, String run, int pair, String side) {
    this.dialect = dialect;
    this.run = run;
    this.pair = pair;
    this.side = side;
  }

  /** Opens the socket; {@link #ready} completes with the first frame. */
  Future<Void> open(Vertx vertx, WebSocketClient client, int port, String query) {
    ws = client.webSocket();
    // relayed frames are scanned as bytes for their send time; decoding each to a String cost the generator a fifth of its core
    ws.handler(this::onData);
    String heartbeat = dialect.heartbeat();
    long timer = heartbeat == null ? -1 : vertx.setPeriodic(Dialect.HEARTBEAT_MS, t -> ws.writeTextMessage(heartbeat));
    ws.closeHandler(v -> {
      vertx.cancelTimer(timer);
      closed.tryComplete();
    });
    String uri = dialect.uri(run, pair, side) + (query == null ? "" : (dialect.uri(run, pair, side).contains("?") ? "&" : "?") + query);
    return ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri)).mapEmpty();
  }

  private void onData(Buffer data) {
    if (ownId != null) {
      long sent = Payload.sentNanos(data);
      if (sent >= 0) {
        sink.relayed(sent);
        return;
      }
    }
    onFrame(data.toString(StandardCharsets.UTF_8));
  }

  private void onFrame(String frame) {
    if (ownId != null) {
      JsonObject json = new JsonObject(frame);
      String joined = dialect.partnerJoined(json);
      if (joined != null) learnPartner(joined);
      if (partnerId != null && partnerId.equals(dialect.partnerLeft(json))) partnerGone.tryComplete(System.nanoTime());
      return;
    }
    JsonObject first = new JsonObject(frame);
    ownId = dialect.ownId(first, run, pair, side);
    if (ownId == null) {
      ready.tryFail("first frame was not a welcome: " + frame);
      return;
    }
    resumeToken = first.getString("resume");
    String partner = dialect.partnerFromFirst(first, run, pair, side);
    if (partner != null) learnPartner(partner);
    ready.tryComplete();
  }

  private void learnPartner(String id) {
    partnerId = id;
    prefixes = new String[] {dialect.prefix(id, false), dialect.prefix(id, true)};
    suffixes = new String[] {dialect.suffix(false), dialect.suffix(true)};
    partnerKnown.tryComplete();
  }

  /** Sends one relay frame stamped with {@code sentNanos}. */
  void send(long sentNanos, boolean sdp) {
    int kind = sdp ? 1 : 0;
    ws.writeTextMessage(prefixes[kind] + sentNanos + suffixes[kind]);
  }

  boolean isClosed() {
    return closed.future().isComplete();
  }

  String id() {
    return ownId;
  }

  String resumeToken() {
    return resumeToken;
  }

  Future<Void> close() {
    return ws.close().recover(e -> Future.succeededFuture());
  }
}
