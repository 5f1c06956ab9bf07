package parley.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP port free on loopback right now, for programs that must be told their port before they start.
 *
 * <p>The port is drawn from below the kernel's ephemeral range. A port from {@code new ServerSocket(0)} comes from
 * that range, so between choosing it and the program binding it, any outgoing connection (a Hazelcast member
 * dialling one not up yet) or any other port-0 listener (an event bus) can take it; CI saw exactly that.
 */
public final class Ports {
  private static final int LOWEST = 10_000;

  private Ports() {
  }

  public static int freeTcp() {
    int ceiling = ephemeralFloor();
    if (ceiling <= LOWEST) throw new AssertionError("the ephemeral range starts at " + ceiling + ", below " + LOWEST);
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new AssertionError("no free port between " + LOWEST + " and " + ceiling);
  }

  private static int ephemeralFloor() {
    try {
      // not Files.readString: it trusts the size /proc reports and returned one byte of this file
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
