package parley.support;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's coturn on loopback with TURN REST API credentials (use-auth-secret), as an operator runs it. */
public final class Coturn implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/turnserver");

  private final Process process;
  private final Path log;
  private final int port;

  public Coturn(String secret) {
    if (!Files.isExecutable(BINARY)) throw new AssertionError("this test needs Debian's coturn: bin/test installs it");
    try (DatagramSocket probe = new DatagramSocket(0)) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    try {
      log = Files.createTempFile("coturn", ".log");
      process = new ProcessBuilder(BINARY.toString(), "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
          "--listening-port=" + port, "--min-port=50000", "--max-port=50200", "--use-auth-secret",
          "--static-auth-secret=" + secret, "--realm=parley.test", "--allow-loopback-peers", "--no-cli", "--no-tls",
          "--no-dtls", "--fingerprint", "--no-multicast-peers", "--log-file=stdout", "--simple-log")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      awaitReady();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** coturn prints nothing a test can wait on reliably but its log: wait for the listener line. */
  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new AssertionError("turnserver exited: " + Files.readString(log));
      String text = Files.readString(log);
      if (text.contains("Total General servers") || text.contains("IPv4. UDP listener opened on : 127.0.0.1:" + port)) return;
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    throw new AssertionError("turnserver did not start: " + Files.readString(log));
  }

  public String url() {
    return "turn:127.0.0.1:" + port + "?transport=udp";
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException ignored) {
      // a temporary log left behind is harmless
    }
  }
}
