package parley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import parley.support.Deployment;
import parley.support.SingleNode;

/** The protocol scenarios against one node. */
class SingleNodeProtocolTest extends ProtocolScenarios {
  private static SingleNode node;

  @BeforeAll
  static void start() {
    node = new SingleNode(Deployment.scenarioSettings());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Override
  protected Deployment deployment() {
    return node;
  }
}
