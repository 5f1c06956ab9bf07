package parley;

import com.hazelcast.core.HazelcastException;
import parley.config.Settings;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a node listens on, each named by its setting, so that a port already taken stops
 * start-up with one line naming the address and the key instead of a stack trace.
 */
final class Listeners {
  /** One address this node binds, and the setting that chose its port. */
  record Listener(String key, String host, int port) {
    String describe() {
      return "cannot listen on " + host + ":" + port + " (" + key + "): the address is already in use";
    }
  }

  private Listeners() {
  }

  /** Every fixed address the settings ask for; port 0 (any free port) cannot be taken. */
  static List<Listener> of(Settings settings) {
    List<Listener> listeners = new ArrayList<>();
    if (settings.cluster()) {
      listeners.add(new Listener("CLUSTER_PORT", settings.clusterHost(), settings.clusterPort()));
      if (settings.eventBusPort() != 0) listeners.add(new Listener("EVENTBUS_PORT", settings.clusterHost(), settings.eventBusPort()));
    }
    if (settings.httpPort() != 0) listeners.add(new Listener("HTTP_PORT", settings.httpHost(), settings.httpPort()));
    return listeners;
  }

  /** The first listener whose address another process holds now, before Hazelcast or Vert.x try it. */
  static Optional<Listener> firstTaken(Settings settings) {
    return of(settings).stream().filter(Listeners::taken).findFirst();
  }

  private static boolean taken(Listener listener) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true); // a port left in TIME_WAIT by a previous run is free, as it is to Netty
      probe.bind(new InetSocketAddress(listener.host(), listener.port()));
      return false;
    } catch (BindException inUse) {
      return true;
    } catch (IOException otherProblem) {
      return false; // an unresolvable host and the like are reported by the real bind
    }
  }

  /**
   * The listener a start-up failure was about, when it was a port already taken (between the check and
   * the bind): Hazelcast's member port, else the event bus's (Vert.x started), else HTTP (deployment failed).
   */
  static Optional<Listener> blamedFor(Throwable failure, Settings settings, boolean deploying) {
    if (!causedByBind(failure)) return Optional.empty();
    String key = deploying ? "HTTP_PORT" : failure instanceof HazelcastException ? "CLUSTER_PORT" : "EVENTBUS_PORT";
    return of(settings).stream().filter(listener -> listener.key().equals(key)).findFirst();
  }

  private static boolean causedByBind(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) return true;
    }
    return false;
  }
}
