package parley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import parley.support.Deployment;
import parley.support.SingleNode;

/** Join tokens on one node. */
class SingleNodeJoinTokenTest extends JoinTokenScenarios {
  private static SingleNode node;

  @BeforeAll
  static void start() {
    node = new SingleNode(settings());
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
