package parley.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import parley.room.PeerId;
import parley.room.RoomName;
import parley.room.Rooms;

import java.util.Iterator;

/**
 * When a node leaves the cluster (it died, hung, or drained with places still held), the oldest
 * surviving node adopts its peers' places for their grace: they may resume on any node, and if
 * they do not, the others get peer-left. So a room never keeps a ghost.
 */
public final class NodeLoss implements MembershipListener {
  private static final Logger log = LoggerFactory.getLogger(NodeLoss.class);

  private final HazelcastInstance hazelcast;
  private final ClusterRoster roster;
  private final Rooms rooms;
  private final Context context;

  private NodeLoss(HazelcastInstance hazelcast, ClusterRoster roster, Rooms rooms, Context context) {
    this.hazelcast = hazelcast;
    this.roster = roster;
    this.rooms = rooms;
    this.context = context;
  }

  /** Listens for lost nodes; adoptions run on {@code context}, the event loop of the sessions they create. */
  public static void watch(HazelcastInstance hazelcast, ClusterRoster roster, Rooms rooms, Context context) {
    hazelcast.getCluster().addMembershipListener(new NodeLoss(hazelcast, roster, rooms, context));
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
    if (!adopter) return;
    context.runOnContext(v -> roster.adopt(lost).onSuccess(byRoom -> {
      int count = byRoom.values().stream().mapToInt(java.util.List::size).sum();
      log.info("Adopted {} places of lost node={}", count, lost);
      byRoom.forEach((room, members) -> members.forEach(member ->
          rooms.adopt(new RoomName(room), new PeerId(member.peer()), member.tokenHash())));
    }).onFailure(problem -> log.error("Adopting the places of node={} failed: {}", lost, problem.toString())));
  }

  /** Hazelcast lists members oldest first, the same on every node: one adopter, no election. */
  private boolean oldestSurvivor() {
    Iterator<Member> members = hazelcast.getCluster().getMembers().iterator();
    return members.hasNext() && members.next().localMember();
  }
}
