package parley.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;

import java.util.concurrent.CompletableFuture;

/**
 * A WebSocket client written by hand on a TCP socket, for what well-behaved clients never do:
 * stay silent (never answer pings), close with no status, or vanish without a close frame.
 */
public final class RawSocket implements AutoCloseable {
  private final NetClient client;
  private final NetSocket socket;
  private final StringBuilder received = new StringBuilder();
  private final CompletableFuture<String> upgraded = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private RawSocket(NetClient client, NetSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.handler(this::onData);
    socket.closeHandler(v -> closed.complete(null));
  }

  /** Performs the upgrade handshake and waits for the 101 answer. */
  public static RawSocket open(Vertx vertx, int port, String path) {
    RawSocket raw = handshake(vertx, port, path);
    String head = raw.head();
    if (!head.startsWith("HTTP/1.1 101")) throw new AssertionError("upgrade refused: " + head);
    return raw;
  }

  /** The HTTP status that answers a GET of {@code path}, sent byte for byte as written, with or without upgrade headers. */
  public static int status(Vertx vertx, int port, String path, boolean upgrade) {
    try (RawSocket raw = request(vertx, port, path, upgrade)) {
      return Integer.parseInt(raw.head().split(" ")[1]);
    }
  }

  private static RawSocket handshake(Vertx vertx, int port, String path) {
    return request(vertx, port, path, true);
  }

  private static RawSocket request(Vertx vertx, int port, String path, boolean upgrade) {
    NetClient client = vertx.createNetClient();
    NetSocket socket = Await.result(client.connect(port, "127.0.0.1"));
    RawSocket raw = new RawSocket(client, socket);
    String headers = upgrade
        ? "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        : "Connection: close\r\n";
    socket.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + headers + "\r\n");
    return raw;
  }

  private String head() {
    try {
      return upgraded.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void onData(Buffer data) {
    if (upgraded.isDone()) return; // frames after the handshake are not looked at
    received.append(data.toString("ISO-8859-1"));
    int end = received.indexOf("\r\n\r\n");
    if (end >= 0) upgraded.complete(received.substring(0, end));
  }

  /** A masked close frame with an empty payload: "no status" (1005) on the server side. */
  public void closeWithoutStatus() {
    socket.write(Buffer.buffer(new byte[] {(byte) 0x88, (byte) 0x80, 1, 2, 3, 4}));
  }

  /** Drops the TCP connection without any close frame. */
  public void vanish() {
    socket.close();
  }

  /** Waits for the server to close the TCP connection. */
  public void awaitClosedByServer() {
    try {
      closed.get(20, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("server did not close the connection", e);
    }
  }

  @Override
  public void close() {
    socket.close();
    client.close();
  }
}
