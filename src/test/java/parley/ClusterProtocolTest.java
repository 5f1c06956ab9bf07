package parley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import parley.support.ClusterNodes;
import parley.support.Deployment;

/** The protocol scenarios against three clustered nodes, each scenario's peers spread over them. */
class ClusterProtocolTest extends ProtocolScenarios {
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
