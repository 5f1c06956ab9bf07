package parley.peer;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * A frame over the frame limit, whatever its size, still ends with close 1009. Vert.x 5 builds Netty's
 * decoder with closeOnProtocolViolation off and drops the connection, with no close frame, on the
 * decoder's exception. This handler sits between the decoder and Vert.x: it keeps that exception from
 * Vert.x, lets the socket close itself with 1009, throws away the rest of the frame (so the close is not
 * lost to a TCP reset), and half-closes after the close frame so the client sees the end at once.
 * Vert.x's WebSocket closing timeout still bounds how long the rest is read.
 */
final class OversizedFrames extends ChannelInboundHandlerAdapter {
  /** Netty's name for the WebSocket frame decoder in the pipeline. */
  private static final String DECODER = "wsdecoder";

  private final Runnable tooLarge;

  private OversizedFrames(Runnable tooLarge) {
    this.tooLarge = tooLarge;
  }

  /**
   * Watches the connection a WebSocket was upgraded on, from the socket's event loop; {@code tooLarge} then
   * runs there too, when a frame over the limit arrives.
   */
  static void watch(HttpConnection upgraded, Runnable tooLarge) {
    // Vert.x gives no public way to its channel; vertx-web's request hands over the connection it wraps
    ((ConnectionBase) upgraded).channel().pipeline().addAfter(DECODER, "parley-oversized-frames", new OversizedFrames(tooLarge));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof CorruptedWebSocketFrameException)) {
      ctx.fireExceptionCaught(cause);
      return;
    }
    // the decoder is corrupt now and would drop the rest a byte at a time: drop it wholesale instead
    ctx.executor().execute(() -> {
      if (ctx.pipeline().get(DECODER) != null) ctx.pipeline().replace(DECODER, "parley-discard", new Discard());
    });
    tooLarge.run();
    // writes are ordered: once this empty one is out, so is the close frame (plain TCP only: TLS cannot half-close)
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) written -> {
      if (written.isSuccess() && ctx.pipeline().get(SslHandler.class) == null && ctx.channel() instanceof SocketChannel channel) {
        channel.shutdownOutput();
      }
    });
  }

  /** Reads and throws away whatever the client still sends. */
  private static final class Discard extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
      ReferenceCountUtil.release(message);
    }
  }
}
