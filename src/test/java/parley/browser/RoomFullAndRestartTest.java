package parley.browser;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.SingleNode;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Browser scenarios that need a node of their own. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RoomFullAndRestartTest {

  @Test
  void a_full_room_is_shown_as_a_message_not_a_blank_page() {
    try (SingleNode node = new SingleNode(CallTest.browserSettings().put("ROOM_CAPACITY", 1));
         Browser browser = new Browser()) {
      Person alice = browser.person("alice").open("http://127.0.0.1:" + node.port(0) + "/small?join=1");
      CallTest.idOf(alice);
      Person bob = browser.person("bob").open("http://127.0.0.1:" + node.port(0) + "/small?join=1");
      Map<String, Object> seen = bob.await("the room-full message", s -> String.valueOf(s.get("notice")).contains("full"));
      assertTrue(String.valueOf(seen.get("status")).equals("closed"), seen.toString());
      bob.screenshot("room-full");
    }
  }

  @Test
  void when_the_server_restarts_with_1012_the_pages_reconnect_by_themselves_and_video_flows() {
    SingleNode first = new SingleNode(CallTest.browserSettings());
    int port = first.port(0);
    try (Browser browser = new Browser()) {
      Person alice = browser.person("alice").open("http://127.0.0.1:" + port + "/restart?join=1");
      Person bob = browser.person("bob").open("http://127.0.0.1:" + port + "/restart?join=1");
      CallTest.assertSeesVideo(alice, bob);
      String aliceBefore = CallTest.idOf(alice);
      String bobBefore = CallTest.idOf(bob);
      first.close(); // drains: every socket gets 1012
      alice.await("reconnecting", s -> "reconnecting".equals(s.get("status")) || !aliceBefore.equals(s.get("id")));
      try (SingleNode second = new SingleNode(CallTest.browserSettings().put("HTTP_PORT", port))) {
        // the new node never knew them: each page gets a new id and calls the other again
        alice.await("back in the call", s -> "open".equals(s.get("status")) && !aliceBefore.equals(s.get("id")));
        bob.await("back in the call", s -> "open".equals(s.get("status")) && !bobBefore.equals(s.get("id")));
        CallTest.assertSeesVideo(alice, bob);
        CallTest.assertSeesVideo(bob, alice);
        List<?> events = (List<?>) alice.snapshot().get("events");
        assertTrue(events.size() >= 2, "two welcomes: " + events);
      }
    }
  }
}
