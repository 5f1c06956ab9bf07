package parley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import parley.support.ClusterNodes;
import parley.support.Deployment;

/** Who may enter a room, on three clustered nodes: hosts, knockers and kicked peers on different nodes. */
class ClusterAccessTest extends AccessScenarios {
  private static ClusterNodes nodes;

  @BeforeAll
  static void start() {
    nodes = new ClusterNodes(3, Deployment.scenarioSettings());
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
