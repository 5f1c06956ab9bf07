package parley.bench;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Signaling-sized payloads: nine of ten about 300 bytes (an ICE candidate), one about 3 KB (an SDP),
 * each carrying the generator's send time as {@code "t":nanos} so the receiver measures latency.
 */
final class Payload {
  static final int CANDIDATE_BYTES = 300;
  static final int SDP_BYTES = 3_000;
  private static final String MARK = "\"t\":";

  private Payload() {
  }

  /** Every tenth message is SDP-sized. */
  static boolean sdp(long sequence) {
    return sequence % 10 == 9;
  }

  static String suffix(boolean sdp, String close) {
    // a frame is ~90 bytes of envelope and time, then the padding
    return ",\"p\":\"" + "x".repeat((sdp ? SDP_BYTES : CANDIDATE_BYTES) - 90) + "\"" + close;
  }

  private static final byte[] MARK_BYTES = MARK.getBytes(StandardCharsets.US_ASCII);

  /** The send time in a relayed frame's bytes, or -1 if the frame carries none; the mark sits within its first bytes. */
  static long sentNanos(Buffer frame) {
    int end = Math.min(frame.length(), 200);
    search:
    for (int at = 0; at + MARK_BYTES.length <= end; at++) {
      for (int j = 0; j < MARK_BYTES.length; j++) {
        if (frame.getByte(at + j) != MARK_BYTES[j]) continue search;
      }
      long value = 0;
      for (int i = at + MARK_BYTES.length; i < frame.length(); i++) {
        byte c = frame.getByte(i);
        if (c < '0' || c > '9') break;
        value = value * 10 + (c - '0');
      }
      return value;
    }
    return -1;
  }

  /** The send time in a relayed frame, or -1 if the frame carries none. */
  static long sentNanos(String frame) {
    int at = frame.indexOf(MARK);
    if (at < 0) return -1;
    long value = 0;
    for (int i = at + MARK.length(); i < frame.length(); i++) {
      char c = frame.charAt(i);
      if (c < '0' || c > '9') break;
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
