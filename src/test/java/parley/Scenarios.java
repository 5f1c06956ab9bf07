package parley;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import parley.support.Deployment;
import parley.support.TestPeer;

import java.util.ArrayList;
import java.util.List;

/**
 * What every family of scenarios shares: written once, run against one node and against clustered
 * nodes. Peer k of a scenario connects to node k modulo the number of nodes; every peer is closed after.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class Scenarios {
  private final List<TestPeer> peers = new ArrayList<>();
  private int joined;

  protected abstract Deployment deployment();

  /** Opens {@code path} through the next node in turn and waits for the welcome. */
  TestPeer joinPath(String path) {
    return track(TestPeer.join(deployment().clients(), nextPort(), path));
  }

  TestPeer resume(String room, String token) {
    return track(TestPeer.join(deployment().clients(), nextPort(), room, token));
  }

  int nextPort() {
    return deployment().port(joined++ % deployment().nodes());
  }

  TestPeer track(TestPeer peer) {
    peers.add(peer);
    return peer;
  }

  @AfterEach
  void closePeers() {
    peers.forEach(TestPeer::close);
  }
}
