package parley.peer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.config.Settings;
import parley.metrics.Meters;
import parley.protocol.ClientMessage;
import parley.protocol.CloseCode;
import parley.protocol.Codec;
import parley.protocol.ErrorCode;
import parley.protocol.ProtocolException;
import parley.protocol.ServerMessage;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * One live signaling socket: frame size, rate limit, bounded writes and one idempotent close path.
 * It knows nothing of rooms; its {@link Listener} does.
 */
public final class PeerSocket {
  private static final Logger log = LoggerFactory.getLogger(PeerSocket.class);
  private static final long RATE_LIMIT_ERROR_INTERVAL_NANOS = 1_000_000_000L;
  private static final Buffer EMPTY = Buffer.buffer();

  /** What the room side hears from a socket; called on the socket's event loop. */
  public interface Listener {
    void onMessage(ClientMessage message);

    /** Called exactly once; {@link CloseCode#departure()} tells whether the peer left or merely vanished. */
    void onClosed(CloseCode how);

    /** Who the socket is, for the log: {@code room=R peer=P}; built when a line is written, not kept. */
    String label();
  }

  private final ServerWebSocket ws;
  private final String clientAddress;
  private final int maxMessageBytes;
  private final Meters meters;
  private final TokenBucket bucket;
  private Listener listener;
  private CloseCode ended;
  private long lastRateLimitErrorNanos;

  /** {@code upgraded}: the HTTP connection {@code ws} was upgraded on. */
  public PeerSocket(ServerWebSocket ws, HttpConnection upgraded, String clientAddress, Settings settings, Meters meters,
                    Consumer<PeerSocket> onGone) {
    this.ws = ws;
    this.clientAddress = clientAddress;
    this.maxMessageBytes = settings.maxMessageBytes();
    this.meters = meters;
    this.bucket = new TokenBucket(settings.rateLimitPerSec(), settings.rateLimitBurst());
    this.lastRateLimitErrorNanos = System.nanoTime() - RATE_LIMIT_ERROR_INTERVAL_NANOS;
    ws.setWriteQueueMaxSize(writeQueueBytes(settings));
    ws.pause(); // nothing is read until a room listens
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(binary -> reject(new ProtocolException(ErrorCode.BAD_MESSAGE, "binary frames are not accepted")));
    ws.exceptionHandler(this::onException);
    OversizedFrames.watch(upgraded, this::tooLarge);
    ws.closeHandler(v -> {
      end(closeFromClient());
      onGone.accept(this);
    });
  }

  /** What a stalled reader may hold on the server before it is dropped: a few of the largest messages. */
  static int writeQueueBytes(Settings settings) {
    return Math.max(256 * 1024, 4 * settings.maxMessageBytes());
  }

  /** Starts reading; a socket that closed before that is reported at once. */
  public void listen(Listener listener) {
    this.listener = listener;
    if (ended != null) {
      listener.onClosed(ended);
    } else {
      ws.resume();
    }
  }

  /** Writes a frame; false when it was not written (closed, or the reader fell too far behind and is dropped). */
  public boolean send(String frame) {
    if (ended != null) return false;
    try {
      if (ws.writeQueueFull()) {
        meters.slowReaderDropped();
        log.warn("Dropping slow reader {}: its write queue is full", label());
        close(CloseCode.TRY_AGAIN_LATER, "not reading");
        return false;
      }
      ws.writeTextMessage(frame);
      return true;
    } catch (IllegalStateException closedUnderneath) {
      // the connection closed and its close handler has not run yet
      end(closeFromClient());
      return false;
    }
  }

  public void send(ServerMessage message) {
    send(Codec.encode(message));
  }

  /** Sends the error; closes the socket when the code says so. */
  public void reject(ProtocolException problem) {
    if (ended != null) return;
    meters.error(problem.code());
    log.debug("Error {} for {}: {}", problem.code().wire(), label(), problem.getMessage());
    if (!send(Codec.encode(new ServerMessage.Error(problem.code(), problem.getMessage())))) return;
    if (problem.code().close() != CloseCode.NONE) {
      close(problem.code().close(), problem.code().wire());
    }
  }

  /** Closes with {@code code}; the listener hears it now, not after the client's close handshake. */
  public void close(CloseCode code, String reason) {
    if (ended != null) return;
    ws.close(code.code(), reason);
    end(code);
  }

  public void ping() {
    if (ended == null) ws.writePing(EMPTY);
  }

  public boolean closed() {
    return ended != null;
  }

  public String clientAddress() {
    return clientAddress;
  }

  private void onText(String text) {
    if (ended != null) return;
    if (tooLarge(text)) {
      tooLarge();
      return;
    }
    if (!bucket.take()) {
      rateLimited();
      return;
    }
    try {
      listener.onMessage(Codec.decode(text));
    } catch (ProtocolException problem) {
      reject(problem);
    }
  }

  private boolean tooLarge(String text) {
    if (text.length() > maxMessageBytes) return true;
    return text.length() * 3L > maxMessageBytes && text.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes;
  }

  private void tooLarge() {
    reject(new ProtocolException(ErrorCode.TOO_LARGE, "a message may have at most " + maxMessageBytes + " bytes"));
  }

  private void rateLimited() {
    long now = System.nanoTime();
    if (now - lastRateLimitErrorNanos < RATE_LIMIT_ERROR_INTERVAL_NANOS) {
      meters.error(ErrorCode.RATE_LIMITED);
      return;
    }
    lastRateLimitErrorNanos = now;
    reject(new ProtocolException(ErrorCode.RATE_LIMITED, "too many messages: the message was dropped"));
  }

  private void onException(Throwable problem) {
    // Vert.x reports a message over maxWebSocketMessageSize here and leaves the socket open
    if (String.valueOf(problem.getMessage()).contains("size")) {
      tooLarge();
    } else {
      log.debug("Socket problem for {}: {}", label(), problem.toString());
    }
  }

  private String label() {
    return listener == null ? "-" : listener.label();
  }

  /** A close with 1000 or with no status is the client leaving; anything else is a loss. */
  private CloseCode closeFromClient() {
    Short status = ws.closeStatusCode();
    if (status != null && (status == 1000 || status == 1005)) return CloseCode.NORMAL;
    return CloseCode.LOST;
  }

  private void end(CloseCode how) {
    if (ended != null) return;
    ended = how;
    if (listener != null) listener.onClosed(how);
  }
}
