package parley.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.function.Consumer;

/**
 * When a node leaves the cluster (it died, hung, or drained with places still held), the oldest
 * surviving node adopts its peers' places for their grace: they may resume on any node, and if
 * they do not, the others get peer-left. So a room never keeps a ghost.
 */
public final class NodeLoss implements MembershipListener {
  private static final Logger log = LoggerFactory.getLogger(NodeLoss.class);

  private final HazelcastInstance hazelcast;
  private final Context context;
  private final Consumer<String> adopt;

  private NodeLoss(HazelcastInstance hazelcast, Context context, Consumer<String> adopt) {
    this.hazelcast = hazelcast;
    this.context = context;
    this.adopt = adopt;
  }

  /**
   * Listens for lost nodes; on the one node that adopts, runs {@code adopt} with the lost node's id on
   * {@code context}, the event loop of the sessions it creates.
   */
  public static void watch(HazelcastInstance hazelcast, Context context, Consumer<String> adopt) {
    hazelcast.getCluster().addMembershipListener(new NodeLoss(hazelcast, context, adopt));
  }

  @Override
  public void memberAdded(MembershipEvent event) {
    log.info("Node joined the cluster node={} members={}", event.getMember().getUuid(), event.getMembers().size());
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    String lost = event.getMember().getUuid().toString();
    boolean adopter = oldestSurvivor();
    log.warn("Node left the cluster node={} members={} adopting={}", lost, event.getMembers().size(), adopter);
    if (adopter) context.runOnContext(v -> adopt.accept(lost));
  }

  /** Hazelcast lists members oldest first, the same on every node: one adopter, no election. */
  private boolean oldestSurvivor() {
    Iterator<Member> members = hazelcast.getCluster().getMembers().iterator();
    return members.hasNext() && members.next().localMember();
  }
}
