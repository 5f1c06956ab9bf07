package parley.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import parley.config.Settings;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Hazelcast and the clustered event bus, configured from Parley's settings: TCP-IP join on one interface, no multicast. */
public final class HazelcastSetup {
  /** Seconds without a heartbeat before a hung member is removed: within the contract's 10 s. */
  private static final int MAX_NO_HEARTBEAT_SECONDS = 5;

  private HazelcastSetup() {
  }

  public static HazelcastClusterManager clusterManager(Settings settings, String clusterName) {
    // keeps the maps and multimaps Vert.x needs; only the network and join are changed
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(MAX_NO_HEARTBEAT_SECONDS));
    config.setProperty("hazelcast.shutdownhook.enabled", "false"); // Vert.x leaves the cluster itself on close

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.clusterPort()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(address(settings.clusterHost()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.clusterMembers());
    return new HazelcastClusterManager(config);
  }

  /** The clustered event bus binds and advertises the same address as the Hazelcast member. */
  public static VertxOptions eventBus(VertxOptions options, Settings settings) {
    options.getEventBusOptions()
        .setHost(settings.clusterHost())
        .setClusterPublicHost(settings.clusterHost())
        .setPort(settings.eventBusPort());
    return options;
  }

  /** Hazelcast wants an interface as an IP address; resolved once, at start-up. */
  private static String address(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("CLUSTER_HOST " + host + " does not resolve", e);
    }
  }
}
