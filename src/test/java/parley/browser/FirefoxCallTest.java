package parley.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import parley.support.SingleNode;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.browser.CallTest.assertSeesVideo;
import static parley.browser.CallTest.frames;
import static parley.browser.CallTest.idOf;
import static parley.browser.CallTest.peerSeenBy;

/**
 * Calls in Debian's Firefox ESR (driven over WebDriver BiDi) and between Firefox and Chromium: two browsers with
 * their own WebRTC stacks must agree on codecs, ICE and the page's perfect negotiation. Who joins second offers.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FirefoxCallTest {
  private static SingleNode node;
  private final Browsers browsers = new Browsers();

  @BeforeAll
  static void start() {
    node = new SingleNode(CallTest.browserSettings());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @AfterEach
  void closeBrowsers() {
    browsers.close();
  }

  private Firefox firefox() {
    return browsers.firefox();
  }

  private Browser chromium() {
    return browsers.chromium();
  }

  /** The room's page, straight into the call (past the green room, where the page has one). */
  private static String url(String room) {
    return "http://127.0.0.1:" + node.port(0) + "/" + room + "?join=1";
  }

  /**
   * {@code first} joins and is welcomed before {@code second} opens the page, so {@code second} is the newcomer who
   * offers: its link to {@code first} made an offer, and {@code first} saw it join. Both then see each other's video.
   */
  private static void callInOrder(String room, Person first, Person second, String label) {
    long start = System.nanoTime();
    first.open(url(room));
    String firstId = idOf(first);
    second.open(url(room));
    String secondId = idOf(second);
    first.await(second.name() + "'s first frame", s -> frames(peerSeenBy(s, secondId)) > 0);
    second.await(first.name() + "'s first frame", s -> frames(peerSeenBy(s, firstId)) > 0);
    System.out.println("measured: " + label + ", first page opened to both first remote frames: "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
    assertSeesVideo(first, second);
    assertSeesVideo(second, first);
    Object offers = second.script("return window.parley.links.get('" + firstId + "').offersMade");
    assertTrue(((Number) offers).longValue() >= 1, second.name() + ", the newcomer, offered: " + offers);
    List<?> events = (List<?>) first.snapshot().get("events");
    assertTrue(events.stream().anyMatch(e -> "peer-joined".equals(((Map<?, ?>) e).get("type"))
        && secondId.equals(((Map<?, ?>) e).get("id"))), first.name() + " saw " + second.name() + " join: " + events);
  }

  @Test
  void two_people_in_firefox_see_each_others_video() throws Exception {
    Firefox firefox = firefox();
    Person alice = firefox.person("alice");
    Person bob = firefox.person("bob");
    callInOrder("firefox-two", alice, bob, "two people in Firefox");
    assertTrue(Files.size(bob.screenshot("firefox-two-bob")) > 10_000, "a screenshot with something in it");
  }

  @Test
  void chromium_alice_and_firefox_bob_who_offers_see_each_other() {
    Person alice = chromium().person("alice");
    Person bob = firefox().person("bob");
    callInOrder("chromium-then-firefox", alice, bob, "Chromium alice, then Firefox bob");
  }

  @Test
  void firefox_alice_and_chromium_bob_who_offers_see_each_other() {
    Person alice = firefox().person("alice");
    Person bob = chromium().person("bob");
    callInOrder("firefox-then-chromium", alice, bob, "Firefox alice, then Chromium bob");
  }

  @Test
  void three_people_across_both_browsers_form_a_full_mesh() {
    Browser chromium = chromium();
    Person alice = chromium.person("alice");
    Person bob = firefox().person("bob");
    Person carol = chromium.person("carol");
    long start = System.nanoTime();
    for (Person p : List.of(alice, bob, carol)) {
      p.open(url("mixed-three"));
      idOf(p); // welcomed before the next one opens: bob offers to alice, carol to both
    }
    String carolId = idOf(carol);
    bob.await("carol's first frame", s -> frames(peerSeenBy(s, carolId)) > 0);
    System.out.println("measured: Chromium, Firefox, Chromium, pages opened to Firefox bob's first frame from carol: "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
    for (Person viewer : List.of(alice, bob, carol)) {
      for (Person seen : List.of(alice, bob, carol)) {
        if (viewer != seen) assertSeesVideo(viewer, seen);
      }
      assertEquals(2, viewer.peers().size(), viewer.name() + " sees exactly the two others");
    }
  }

  @Test
  void a_chat_message_typed_in_firefox_reaches_chromium_with_its_sender() {
    Person alice = firefox().person("alice");
    Person bob = chromium().person("bob");
    alice.open(url("mixed-chat"));
    idOf(alice);
    bob.open(url("mixed-chat"));
    assertSeesVideo(bob, alice);
    // as a person does it: a name typed in, the Chat button (leaving the name's field), a message and Enter
    alice.type("name", "Alice");
    alice.click("toggle-chat");
    assertEquals(List.of(), Accessibility.unnamedControls(alice), "in Firefox every control has a name a screen reader says");
    alice.type("chat-input", "hello from firefox" + Keys.ENTER);
    Map<String, Object> seen = bob.await("alice's message", s -> ((List<?>) s.get("chat")).stream()
        .anyMatch(m -> "hello from firefox".equals(((Map<?, ?>) m).get("text"))));
    Map<?, ?> message = (Map<?, ?>) ((List<?>) seen.get("chat")).get(0);
    assertEquals("Alice", message.get("from"));
  }

  @Test
  void firefox_and_chromium_each_mark_the_others_tile_with_its_connection_and_who_speaks() {
    Person alice = chromium().person("alice");
    Person bob = firefox().person("bob");
    alice.open(url("mixed-marks"));
    String aliceId = idOf(alice);
    bob.open(url("mixed-marks"));
    String bobId = idOf(bob);
    assertSeesVideo(bob, alice);
    assertSeesVideo(alice, bob);
    // both fake microphones make sound: Chromium's beeps, Firefox's is a tone
    for (Person viewer : List.of(alice, bob)) {
      String seenId = viewer == alice ? bobId : aliceId;
      viewer.await("the other speaking", s -> Boolean.TRUE.equals(peerSeenBy(s, seenId).get("speaking")));
      Map<String, Object> marked = viewer.await("a quality mark", s -> peerSeenBy(s, seenId).get("quality") != null);
      String mark = (String) peerSeenBy(marked, seenId).get("quality");
      assertTrue(mark.matches("connection good: \\d+ ms round trip(, \\d+% lost)?"), viewer.name() + ": " + mark);
    }
  }
}
