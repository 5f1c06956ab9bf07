package parley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import parley.support.ClusterNodes;
import parley.support.Deployment;

/** Join tokens on three clustered nodes. */
class ClusterJoinTokenTest extends JoinTokenScenarios {
  private static ClusterNodes nodes;

  @BeforeAll
  static void start() {
    nodes = new ClusterNodes(3, settings());
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  @Override
  protected Deployment deployment() {
    return nodes;
  }
}
