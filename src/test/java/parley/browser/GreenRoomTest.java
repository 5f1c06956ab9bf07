package parley.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.Metrics;
import parley.support.SingleNode;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.browser.CallTest.assertSeesVideo;
import static parley.browser.CallTest.idOf;
import static parley.browser.CallTest.peerSeenBy;

/** The green room before a call: preview, devices, level, name, joining muted; and links that go straight in. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GreenRoomTest {
  /** What the green room shows: the preview's picture, the labelled controls, the level meter. */
  private static final String GREEN_ROOM = """
      const label = (id) => document.querySelector(`label[for="${id}"]`)?.textContent.trim();
      const preview = document.getElementById('preview');
      return {
        phase: document.body.dataset.phase,
        previewWidth: preview.videoWidth, previewPlaying: !preview.paused,
        camera: label('camera'), cameras: document.getElementById('camera').options.length,
        microphone: label('microphone'), microphones: document.getElementById('microphone').options.length,
        name: label('join-name'), nameValue: document.getElementById('join-name').value,
        level: Number(document.getElementById('mic-level').value),
        join: document.getElementById('join').textContent.trim(),
        notice: document.getElementById('green-room-notice').textContent,
      };""";
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

  private String url(String path) {
    return "http://127.0.0.1:" + node.port(0) + path;
  }

  private double peersOnTheNode() {
    return Metrics.value(Metrics.scrape(node.clients(), node.port(0)), "parley_peers");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> greenRoom(Person person, String what, java.util.function.Predicate<Map<String, Object>> condition) {
    return (Map<String, Object>) person.awaitScript(what, GREEN_ROOM, result -> condition.test((Map<String, Object>) result));
  }

  @Test
  void the_green_room_previews_the_camera_and_nothing_reaches_the_server_before_join() {
    Person alice = browsers.chromium().person("alice").open(url("/green-room"));
    assertPreviewsBeforeJoin(alice, true);

    alice.type("join-name", "Alice");
    alice.click("join");
    alice.await("the call", s -> "call".equals(s.get("phase")) && s.get("id") != null);
    String metrics = Metrics.await(node.clients(), node.port(0), m -> Metrics.value(m, "parley_peers") == 1.0);
    assertEquals(1.0, Metrics.value(metrics, "parley_peers"), "Join opened the socket");

    // hung up and back: the green room again, with the name remembered
    alice.click("hang-up");
    alice.await("the call left", s -> "closed".equals(s.get("status")));
    alice.reload();
    Map<String, Object> again = greenRoom(alice, "the green room again", g -> "green-room".equals(g.get("phase")));
    assertEquals("Alice", again.get("nameValue"), "the name is remembered");
    greenRoom(alice, "a level to show", g -> ((Number) g.get("level")).doubleValue() > 0.05);
    alice.screenshot("green-room-desktop");
    alice.viewport(390, 844, true);
    greenRoom(alice, "the preview on a phone", g -> ((Number) g.get("previewWidth")).intValue() > 0);
    Map<?, ?> fits = (Map<?, ?>) alice.script("""
        const join = document.getElementById('join').getBoundingClientRect();
        return {joinBottom: join.bottom, height: innerHeight, scrolls: document.documentElement.scrollWidth > innerWidth};""");
    assertTrue(((Number) fits.get("joinBottom")).doubleValue() <= ((Number) fits.get("height")).doubleValue(),
        "on a phone the Join button is on the first screen: " + fits);
    assertEquals(false, fits.get("scrolls"), "nothing wider than a phone");
    alice.screenshot("green-room-phone");
  }

  /**
   * The preview, the labelled controls, the level meter ({@code levelMoves}: its level moving), and no socket to the
   * server before Join.
   */
  private void assertPreviewsBeforeJoin(Person person, boolean levelMoves) {
    Map<String, Object> shown = greenRoom(person, "the camera's preview and the devices listed",
        g -> ((Number) g.get("previewWidth")).intValue() > 0 && ((Number) g.get("cameras")).intValue() > 0);
    assertEquals("green-room", shown.get("phase"));
    assertEquals("Camera", shown.get("camera"));
    assertEquals("Microphone", shown.get("microphone"));
    assertEquals("Your name", shown.get("name"));
    assertEquals("Join", shown.get("join"));
    assertTrue(((Number) shown.get("microphones")).intValue() > 0, "the microphones are listed: " + shown);
    assertEquals(List.of(), Accessibility.unnamedControls(person), "every control has a name a screen reader says");
    if (levelMoves) greenRoom(person, "the microphone's level move", g -> ((Number) g.get("level")).doubleValue() > 0);
    // (the last test's pages may still be leaving)
    String metrics = Metrics.await(node.clients(), node.port(0), m -> Metrics.value(m, "parley_peers") == 0.0);
    assertEquals(0.0, Metrics.value(metrics, "parley_peers"), "a page in the green room has no socket to the server");
    assertEquals(null, person.snapshot().get("id"));
  }

  @Test
  void in_firefox_the_green_room_previews_and_joined_muted_chromium_receives_no_audio_until_unmuted() {
    Person alice = browsers.firefox().person("alice").open(url("/firefox-green-room"));
    // Firefox runs a page's AudioContext only with a sound output, and these machines have none: the meter is
    // there, but it stays at 0 (Chromium's fake output lets the test above see it move)
    assertPreviewsBeforeJoin(alice, false);
    alice.screenshot("firefox-green-room");
    joinsMuted("firefox-muted-join", alice, browsers.chromium().person("bob"));
  }

  @Test
  void joined_muted_in_chromium_the_firefox_page_sees_the_badge_and_receives_no_audio_until_unmuted() {
    joinsMuted("chromium-muted-join", browsers.chromium().person("alice"), browsers.firefox().person("bob"));
  }

  /** Alice joins {@code room} from the green room with her microphone off; bob, in the call already, hears nothing. */
  private void joinsMuted(String room, Person alice, Person bob) {
    bob.open(url("/" + room + "?join=1"));
    idOf(bob);
    alice.open(url("/" + room));
    greenRoom(alice, "the green room", g -> ((Number) g.get("microphones")).intValue() > 0);
    alice.click("join-audio");
    alice.click("join");
    String aliceId = idOf(alice);
    assertSeesVideo(bob, alice);
    Map<String, Object> seen = bob.await("alice's badge", s -> ((List<?>) peerSeenBy(s, aliceId).get("badges")).contains("microphone off"));
    // her video has been moving for a while: had her microphone been sent, its packets would be here too
    bob.await("alice's video moving on", s -> CallTest.frames(peerSeenBy(s, aliceId)) > CallTest.frames(peerSeenBy(seen, aliceId)) + 30);
    assertEquals(0L, ((Number) peerSeenBy(bob.snapshot(), aliceId).get("audioPackets")).longValue(), "no audio from a muted microphone");
    long offers = offers(bob, aliceId);
    assertEquals("Unmute", alice.text("#toggle-mic"));

    alice.click("toggle-mic");
    bob.await("alice's audio", s -> ((Number) peerSeenBy(s, aliceId).get("audioPackets")).longValue() > 0
        && !((List<?>) peerSeenBy(s, aliceId).get("badges")).contains("microphone off"));
    assertEquals(offers, offers(bob, aliceId), "unmuting renegotiated nothing");
  }

  static long offers(Person viewer, String peerId) {
    Map<String, Object> peer = peerSeenBy(viewer.snapshot(), peerId);
    return ((Number) peer.get("offersMade")).longValue() + ((Number) peer.get("offersTaken")).longValue();
  }

  @Test
  void a_link_with_name_audio_video_and_join_goes_straight_in_as_it_says() {
    Browser chromium = browsers.chromium();
    Person bob = chromium.person("bob").open(url("/straight-in?join=1"));
    Person alice = chromium.person("alice").open(url("/straight-in?name=Zed&audio=0&video=0&join=1"));
    String aliceId = idOf(alice);
    assertEquals("call", alice.snapshot().get("phase"));
    Map<String, Object> seen = bob.await("Zed, muted and without camera", s -> {
      Map<String, Object> peer = peerSeenBy(s, aliceId);
      return peer != null && "Zed".equals(peer.get("name")) && "connected".equals(peer.get("state"))
          && ((List<?>) peer.get("badges")).containsAll(List.of("microphone off", "camera off"));
    });
    assertEquals("off", peerSeenBy(seen, aliceId).get("video"));
    assertEquals(null, ((Map<?, ?>) alice.snapshot().get("local")).get("camera"), "the camera was never opened");
  }

  @Test
  void without_a_camera_or_permission_the_green_room_says_so_and_join_still_works() {
    Browser chromium = browsers.chromium();
    Person bob = chromium.person("bob").open(url("/green-no-camera?join=1"));
    Person alice = chromium.person("alice").withoutCameraOrMicrophone().open(url("/green-no-camera"));
    Map<String, Object> shown = greenRoom(alice, "the reason", g -> !((String) g.get("notice")).isEmpty());
    assertTrue(((String) shown.get("notice")).contains("No camera or microphone"), shown.toString());
    alice.click("join");
    String aliceId = idOf(alice);
    bob.await("alice connected without media", s -> peerSeenBy(s, aliceId) != null && "connected".equals(peerSeenBy(s, aliceId).get("state")));
    assertSeesVideo(alice, bob);
  }
}
