package parley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import parley.support.Deployment;
import parley.support.SingleNode;

/** Who may enter a room, on one node. */
class SingleNodeAccessTest extends AccessScenarios {
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
