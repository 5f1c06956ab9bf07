package parley.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Debian's nginx as the load balancer in front of Parley nodes, on loopback, with a config of its own. */
public final class Nginx implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Process process;
  private final Path dir;
  private final int port;

  public Nginx(List<Integer> upstreamPorts) {
    if (!Files.isExecutable(BINARY)) throw new AssertionError("this test needs Debian's nginx: bin/test installs it");
    port = Ports.freeTcp();
    try {
      dir = Files.createTempDirectory("parley-nginx");
      String upstreams = upstreamPorts.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=2s;")
          .collect(Collectors.joining("\n"));
      // the same proxying as conf/nginx.conf, with this test's ports and a private prefix
      Files.writeString(dir.resolve("nginx.conf"), """
          daemon off;
          worker_processes 1;
          pid %1$s/nginx.pid;
          error_log %1$s/error.log warn;
          events { worker_connections 1024; }
          http {
            access_log off;
            client_body_temp_path %1$s/body;
            proxy_temp_path %1$s/proxy;
            map $http_upgrade $connection_upgrade { default upgrade; '' close; }
            upstream parley {
          %2$s
            }
            server {
              listen 127.0.0.1:%3$d;
              location / {
                proxy_pass http://parley;
                proxy_http_version 1.1;
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection $connection_upgrade;
                proxy_set_header Host $host;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_next_upstream error timeout http_502 http_503;
                proxy_connect_timeout 2s;
                proxy_read_timeout 120s;
              }
            }
          }
          """.formatted(dir, upstreams, port));
      process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    awaitListening();
  }

  public int port() {
    return port;
  }

  /** Waits until nginx accepts connections: it gives no other sign of being ready. */
  private void awaitListening() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new AssertionError("nginx exited: " + read(dir.resolve("error.log")) + read(dir.resolve("out.log")));
      try (var socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        LockSupportPause.pause();
      }
    }
    throw new AssertionError("nginx did not listen on " + port + ": " + read(dir.resolve("error.log")));
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** A short pause between connection attempts. */
  private static final class LockSupportPause {
    static void pause() {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
