package parley.browser;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import parley.support.SingleNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What people see in real Chromium: video, tiles, chat, mute, reloads and errors. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CallTest {
  private static SingleNode node;
  private Browser browser;

  /** Browser tests reach nothing but this machine: no STUN server, host candidates on loopback only. */
  static JsonObject browserSettings() {
    return new JsonObject().put("HTTP_HOST", "127.0.0.1").put("HTTP_PORT", 0).put("ICE_SERVERS", "[]")
        .put("DRAIN_TIMEOUT_MS", 2000);
  }

  @BeforeAll
  static void start() {
    node = new SingleNode(browserSettings());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @AfterEach
  void closeBrowser(TestInfo test) {
    if (browser != null) browser.close();
  }

  String url(String path) {
    return "http://127.0.0.1:" + node.port(0) + path;
  }

  Browser browser() {
    browser = new Browser();
    return browser;
  }

  static String idOf(Person person) {
    return (String) person.await("its welcome", s -> s.get("id") != null).get("id");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> peerSeenBy(Map<String, Object> snapshot, String peerId) {
    return ((List<Map<String, Object>>) snapshot.getOrDefault("peers", List.of())).stream()
        .filter(p -> peerId.equals(p.get("id"))).findFirst().orElse(null);
  }

  static long frames(Map<String, Object> peer) {
    return peer == null ? 0 : ((Number) peer.get("frames")).longValue();
  }

  /** {@code viewer} sees {@code seen}'s video connected, decoding frames, and still decoding more after that. */
  static void assertSeesVideo(Person viewer, Person seen) {
    String id = idOf(seen);
    long first = frames(peerSeenBy(viewer.await(seen.name() + "'s video", s -> {
      Map<String, Object> peer = peerSeenBy(s, id);
      return peer != null && "connected".equals(peer.get("state")) && frames(peer) > 0;
    }), id));
    viewer.await(seen.name() + "'s video still moving", s -> frames(peerSeenBy(s, id)) > first + 5);
  }

  @Test
  void two_people_in_a_room_see_each_others_video() {
    Browser b = browser();
    Person alice = b.person("alice");
    Person bob = b.person("bob");
    long start = System.nanoTime();
    alice.open(url("/two-people?join=1"));
    bob.open(url("/two-people?join=1"));
    String bobId = idOf(bob);
    alice.await("bob's first frame", s -> frames(peerSeenBy(s, bobId)) > 0);
    long firstFrameMs = (System.nanoTime() - start) / 1_000_000;
    System.out.println("measured: two people, both pages opened to first remote frame: " + firstFrameMs + " ms");
    assertSeesVideo(alice, bob);
    assertSeesVideo(bob, alice);
    alice.screenshot("two-people-alice");
  }

  @Test
  void three_people_form_a_full_mesh() throws Exception {
    Browser b = browser();
    Person alice = b.person("alice");
    Person bob = b.person("bob");
    Person carol = b.person("carol");
    long start = System.nanoTime();
    for (Person p : List.of(alice, bob, carol)) p.open(url("/three-people?join=1"));
    String carolId = idOf(carol);
    alice.await("carol's first frame", s -> frames(peerSeenBy(s, carolId)) > 0);
    System.out.println("measured: three people, pages opened to alice's first frame from carol: "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
    for (Person viewer : List.of(alice, bob, carol)) {
      for (Person seen : List.of(alice, bob, carol)) {
        if (viewer != seen) assertSeesVideo(viewer, seen);
      }
    }
    Path shot = carol.screenshot("three-people-carol");
    assertTrue(Files.size(shot) > 10_000, "a screenshot with something in it");
    Files.createDirectories(Path.of("target/docs"));
    Files.copy(shot, Path.of("target/docs/three-person-call.png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void when_one_of_three_hangs_up_the_others_tiles_for_them_go() {
    Browser b = browser();
    Person alice = b.person("alice");
    Person bob = b.person("bob");
    Person carol = b.person("carol");
    for (Person p : List.of(alice, bob, carol)) p.open(url("/hang-up?join=1"));
    String carolId = idOf(carol);
    assertSeesVideo(alice, carol);
    assertSeesVideo(bob, carol);
    carol.click("hang-up");
    alice.await("carol's tile gone", s -> peerSeenBy(s, carolId) == null);
    Map<String, Object> seenByBob = bob.await("carol's tile gone", s -> peerSeenBy(s, carolId) == null);
    assertEquals(1, ((List<?>) seenByBob.get("peers")).size(), "alice is still there");
    assertEquals("closed", carol.snapshot().get("status"));
  }

  @Test
  void a_chat_message_reaches_everyone_with_its_sender() {
    Browser b = browser();
    Person alice = b.person("alice");
    Person bob = b.person("bob");
    Person carol = b.person("carol");
    for (Person p : List.of(alice, bob, carol)) p.open(url("/chat-room?join=1"));
    assertSeesVideo(bob, alice);
    assertSeesVideo(carol, alice);
    alice.type("name", "Alice");
    alice.script("document.getElementById('name').dispatchEvent(new Event('change'))");
    alice.click("toggle-chat");
    assertEquals("true", alice.script("return document.getElementById('toggle-chat').getAttribute('aria-pressed')"),
        "the Chat button says the panel is open");
    alice.type("chat-input", "hello everyone");
    alice.script("document.getElementById('chat-form').requestSubmit()");
    for (Person p : List.of(bob, carol)) {
      Map<String, Object> seen = p.await("alice's message", s -> ((List<?>) s.get("chat")).stream()
          .anyMatch(m -> "hello everyone".equals(((Map<?, ?>) m).get("text"))));
      Map<?, ?> message = (Map<?, ?>) ((List<?>) seen.get("chat")).get(0);
      assertEquals("Alice", message.get("from"));
    }
  }

  @Test
  void muting_shows_on_the_other_side() {
    Browser b = browser();
    Person alice = b.person("alice");
    Person bob = b.person("bob");
    alice.open(url("/mute-room?join=1"));
    bob.open(url("/mute-room?join=1"));
    String aliceId = idOf(alice);
    assertSeesVideo(bob, alice);
    bob.await("alice's microphone on", s -> "on".equals(Objects.requireNonNull(peerSeenBy(s, aliceId)).get("audio")));
    alice.click("toggle-mic");
    bob.await("alice muted", s -> "off".equals(peerSeenBy(s, aliceId).get("audio")));
    alice.click("toggle-mic");
    bob.await("alice unmuted", s -> "on".equals(peerSeenBy(s, aliceId).get("audio")));
  }

  @Test
  void a_reload_resumes_without_the_others_seeing_a_departure_and_video_flows_again() {
    Browser b = browser();
    Person alice = b.person("alice");
    Person bob = b.person("bob");
    alice.open(url("/reload-room?join=1"));
    bob.open(url("/reload-room?join=1"));
    String bobId = idOf(bob);
    assertSeesVideo(alice, bob);
    bob.reload();
    Map<String, Object> back = bob.await("its place resumed", s -> ((List<?>) s.getOrDefault("events", List.of())).stream()
        .anyMatch(e -> Boolean.TRUE.equals(((Map<?, ?>) e).get("resumed"))));
    assertEquals(bobId, back.get("id"), "same id after the reload");
    assertSeesVideo(bob, alice);
    assertSeesVideo(alice, bob);
    List<?> aliceEvents = (List<?>) alice.snapshot().get("events");
    assertTrue(aliceEvents.stream().noneMatch(e -> "peer-left".equals(((Map<?, ?>) e).get("type"))),
        "alice never saw bob leave: " + aliceEvents);
  }

  @Test
  void without_a_camera_a_person_still_joins_sees_the_others_and_is_told_why() {
    Browser b = browser();
    Person alice = b.person("alice");
    Person bob = b.person("bob").withoutCameraOrMicrophone();
    alice.open(url("/no-camera?join=1"));
    bob.open(url("/no-camera?join=1"));
    assertSeesVideo(bob, alice);
    String notice = (String) bob.snapshot().get("notice");
    assertTrue(notice.contains("No camera"), notice);
    String bobId = idOf(bob);
    alice.await("bob connected without video", s -> "connected".equals(peerSeenBy(s, bobId).get("state")));
  }

  @Test
  void the_landing_page_explains_a_bad_room_name_and_starts_a_new_room() {
    Browser b = browser();
    Person alice = b.person("alice");
    alice.open(url("/"));
    alice.type("room", "no spaces please");
    alice.script("document.getElementById('join').requestSubmit()");
    assertTrue(alice.text("#room-help").contains("can't be a room name"), alice.text("#room-help"));
    assertEquals("/", alice.currentPath());
    alice.click("start");
    alice.await("the new room's green room", s -> "green-room".equals(s.get("phase")));
    alice.click("join");
    alice.await("in the call", s -> s.get("id") != null);
    assertTrue(alice.currentPath().matches("/[a-z]+-[a-z]+-[a-z0-9]{6}"), alice.currentPath());
  }
}
