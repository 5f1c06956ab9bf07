package parley.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.SingleNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The room's door as people use it in Chromium: a host locks, a newcomer knocks, is let in or removed. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DoorTest {
  private static SingleNode node;
  private Browser browser;

  @BeforeAll
  static void start() {
    node = new SingleNode(CallTest.browserSettings());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) browser.close();
  }

  private String url(String room, String name) {
    return "http://127.0.0.1:" + node.port(0) + "/" + room + "?join=1&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> knocks(Map<String, Object> snapshot) {
    return (List<Map<String, Object>>) snapshot.getOrDefault("knocks", List.of());
  }

  /** Alice, alone in {@code room}, is its host and locks it (with {@code password} unless empty). */
  private Person aliceLocks(String room, String password) {
    browser = new Browser();
    Person alice = browser.person("alice").open(url(room, "Alice"));
    alice.await("being host", s -> Boolean.TRUE.equals(s.get("host")));
    alice.click("lock");
    alice.type("lock-password", password);
    alice.clickOn("#lock-form button[type=submit]");
    alice.await("the room locked", s -> Boolean.TRUE.equals(s.get("locked")));
    assertEquals("Unlock room", alice.text("#lock"));
    return alice;
  }

  @Test
  void a_host_locks_the_room_sees_a_knock_with_its_name_and_admits_it() {
    Person alice = aliceLocks("door-admit", "");
    Person bob = browser.person("bob").open(url("door-admit", "Bob"));
    bob.await("the lobby", s -> Boolean.TRUE.equals(s.get("lobby")));
    assertEquals("Waiting for the host to let you in", bob.text("#lobby-title"));
    Map<String, Object> seen = alice.await("bob knocking", s -> !knocks(s).isEmpty());
    assertEquals("Bob", knocks(seen).get(0).get("name"));
    assertEquals("Bob", alice.text("#knock-list .who"));
    alice.screenshot("door-knock-alice");
    alice.clickOn("#knock-list button[data-action=admit]");
    String bobId = CallTest.idOf(bob);
    CallTest.assertSeesVideo(alice, bob);
    CallTest.assertSeesVideo(bob, alice);
    assertEquals("Bob", CallTest.peerSeenBy(alice.snapshot(), bobId).get("name"));
    assertTrue(knocks(alice.snapshot()).isEmpty(), "the knock is gone once bob is in");
  }

  @Test
  void a_knocker_with_the_password_comes_in_and_a_wrong_one_says_so() {
    Person alice = aliceLocks("door-password", "sesame");
    Person bob = browser.person("bob").open(url("door-password", "Bob"));
    bob.await("the lobby", s -> Boolean.TRUE.equals(s.get("lobby")));
    assertTrue(bob.visible("lobby-password"), "a password field when the lock has one");
    bob.type("lobby-password", "open up");
    bob.clickOn("#lobby-form button[type=submit]");
    bob.await("the wrong password refused", s -> ((List<?>) s.get("events")).stream().anyMatch(e -> "bad-password".equals(((Map<?, ?>) e).get("code"))));
    assertTrue(bob.text("#lobby-text").contains("not right"));
    bob.screenshot("door-lobby-bob");
    bob.type("lobby-password", "sesame");
    bob.clickOn("#lobby-form button[type=submit]");
    CallTest.assertSeesVideo(alice, bob);
  }

  @Test
  void a_host_removes_a_person_who_then_sees_why() {
    browser = new Browser();
    Person alice = browser.person("alice").open(url("door-kick", "Alice"));
    alice.await("being host", s -> Boolean.TRUE.equals(s.get("host")));
    Person bob = browser.person("bob").open(url("door-kick", "Bob"));
    String bobId = CallTest.idOf(bob);
    CallTest.assertSeesVideo(alice, bob);
    alice.clickOn(".tile[data-peer='" + bobId + "'] .remove");
    Map<String, Object> removed = bob.await("being removed", s -> "closed".equals(s.get("status")));
    assertEquals("A host removed you from the call.", removed.get("notice"));
    alice.await("bob's tile gone", s -> CallTest.peerSeenBy(s, bobId) == null);
  }

  @Test
  void a_name_is_shown_as_text_never_as_html() {
    browser = new Browser();
    Person alice = browser.person("alice").open(url("door-names", "Alice"));
    String tricky = "<img src=x onerror=window.pwned=1>";
    Person bob = browser.person("bob").open(url("door-names", tricky));
    String bobId = CallTest.idOf(bob);
    Map<String, Object> seen = alice.await("bob's tile", s -> CallTest.peerSeenBy(s, bobId) != null);
    assertEquals(tricky.substring(0, 32), CallTest.peerSeenBy(seen, bobId).get("name"));
    assertNull(alice.script("return window.pwned ?? null"));
    assertEquals(0L, alice.script("return document.querySelectorAll('#grid img').length"));
  }
}
