package parley.support;

import java.io.IOException;
import java.net.ServerSocket;

/** A TCP port free on loopback right now, for programs that must be told their port before they start. */
public final class Ports {
  private Ports() {
  }

  public static int freeTcp() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
