package parley.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.SingleNode;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parley.browser.CallTest.assertSeesVideo;
import static parley.browser.CallTest.frames;
import static parley.browser.CallTest.idOf;
import static parley.browser.CallTest.peerSeenBy;

/** In the call: switching devices, who speaks, raised hands, connection quality, full screen, sending a file. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CallFeaturesTest {
  static final int FILE_SIZE = 5 * 1024 * 1024;
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

  private String url(String room) {
    return "http://127.0.0.1:" + node.port(0) + "/" + room + "?join=1";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> local(Person person) {
    return (Map<String, Object>) person.snapshot().get("local");
  }

  @Test
  void switching_the_camera_mid_call_keeps_the_call_with_firefox_and_renegotiates_nothing() {
    // three fake cameras: Chromium makes the second a depth camera (Y16) that WebRTC does not send, the third
    // an ordinary one (MJPEG) to switch to; Firefox has one fake camera, so bob watches from there
    Browser browser = browsers.chromium(List.of("--use-fake-device-for-media-stream=device-count=3"));
    Person alice = browser.person("alice").open(url("switch-camera"));
    Person bob = browsers.firefox().person("bob").open(url("switch-camera"));
    String aliceId = idOf(alice);
    String bobId = idOf(bob);
    assertSeesVideo(bob, alice);
    long offers = GreenRoomTest.offers(bob, aliceId) + GreenRoomTest.offers(alice, bobId);
    String before = (String) local(alice).get("camera");

    alice.click("show-devices");
    Object other = alice.script("""
        const select = document.getElementById('camera');
        const other = [...select.options].find((o) => o.value !== select.value && o.textContent === 'fake_device_2');
        if (!other) return null;
        select.value = other.value;
        select.dispatchEvent(new Event('change'));
        return other.value;""");
    assertTrue(other != null, "a second camera to choose");
    alice.await("the other camera in use", s -> other.equals(((Map<?, ?>) s.get("local")).get("camera")));
    long framesAfterSwitch = frames(peerSeenBy(bob.snapshot(), aliceId));
    bob.await("alice's video from the other camera", s -> frames(peerSeenBy(s, aliceId)) > framesAfterSwitch + 10);
    assertNotEquals(before, other);
    assertEquals(offers, GreenRoomTest.offers(bob, aliceId) + GreenRoomTest.offers(alice, bobId), "no offer was made to switch");
    assertEquals("connected", peerSeenBy(bob.snapshot(), aliceId).get("state"));
    alice.screenshot("devices-dialog");
  }

  @Test
  void tiles_show_who_speaks_a_raised_hand_the_connection_and_go_full_screen() {
    Browser browser = browsers.chromium();
    Person alice = browser.person("alice").open(url("tile-marks"));
    Person bob = browser.person("bob").open(url("tile-marks"));
    String aliceId = idOf(alice);
    assertSeesVideo(bob, alice);
    // the fake microphone beeps: now and then alice is speaking
    bob.await("alice speaking", s -> Boolean.TRUE.equals(peerSeenBy(s, aliceId).get("speaking")));
    Map<String, Object> quality = bob.await("a quality mark for alice", s -> peerSeenBy(s, aliceId).get("quality") != null);
    String mark = (String) peerSeenBy(quality, aliceId).get("quality");
    assertTrue(mark.matches("connection good: \\d+ ms round trip(, \\d+% lost)?"), mark);

    alice.click("raise-hand");
    Map<String, Object> handUp = bob.await("alice's hand up",
        s -> ((List<?>) peerSeenBy(s, aliceId).get("badges")).contains("raised a hand"));
    // a screen reader is told, in the page's polite live region, of comings and raised hands
    assertTrue(((List<?>) handUp.get("announced")).contains(peerSeenBy(handUp, aliceId).get("name") + " raised a hand"),
        handUp.get("announced").toString());
    String bobId = idOf(bob);
    Map<String, Object> seenByAlice = alice.snapshot();
    assertTrue(((List<?>) seenByAlice.get("announced")).contains(peerSeenBy(seenByAlice, bobId).get("name") + " joined the call"),
        seenByAlice.get("announced").toString());
    assertEquals("polite", alice.script("return document.getElementById('announce').getAttribute('aria-live')"));
    assertEquals("Lower hand", alice.text("#raise-hand"));
    alice.press("h");
    bob.await("alice's hand down", s -> !((List<?>) peerSeenBy(s, aliceId).get("badges")).contains("raised a hand"));

    bob.clickOn("#grid .tile:not(.local) .fullscreen");
    bob.awaitScript("alice's tile full screen", "return document.fullscreenElement?.dataset.peer ?? null", aliceId::equals);
    bob.clickOn("#grid .tile:not(.local) .fullscreen");
    bob.awaitScript("full screen left", "return document.fullscreenElement === null", Boolean.TRUE::equals);
  }

  /** The bytes of the test file: xorshift32 from a seed, the same in the page and here. */
  static byte[] testFile(int size, int seed) {
    byte[] bytes = new byte[size];
    int x = seed;
    for (int i = 0; i < size; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      bytes[i] = (byte) x;
    }
    return bytes;
  }

  /** Makes the same file in the page and picks it in the "Send a file" input, as a person choosing it would. */
  static void chooseFile(Person sender, String name, int size, int seed) {
    sender.script("const name = %s, size = %d, seed = %d;".formatted(quote(name), size, seed) + """
        const bytes = new Uint8Array(size);
        let x = seed | 0;
        for (let i = 0; i < size; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; bytes[i] = x & 0xff; }
        const files = new DataTransfer();
        files.items.add(new File([bytes], name, { type: 'application/octet-stream' }));
        const input = document.getElementById('file-input');
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));""");
  }

  private static String quote(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> incoming(Map<String, Object> snapshot, String name) {
    List<Map<String, Object>> files = (List<Map<String, Object>>) ((Map<String, Object>) snapshot.get("files")).get("incoming");
    return files.stream().filter(f -> name.equals(f.get("name"))).findFirst().orElse(null);
  }

  @Test
  void a_file_of_5_MB_from_chromium_reaches_chromium_and_firefox_intact_with_its_size_shown_before_accepting() throws Exception {
    Browser chromium = browsers.chromium();
    sendsFile("file-from-chromium", chromium.person("alice"), chromium.person("bob"), browsers.firefox().person("carol"));
  }

  @Test
  void a_file_of_5_MB_from_firefox_reaches_chromium_and_firefox_intact() throws Exception {
    Firefox firefox = browsers.firefox();
    sendsFile("file-from-firefox", firefox.person("alice"), browsers.chromium().person("bob"), firefox.person("carol"));
  }

  /** Alice sends a 5 MB file to everyone in {@code room}; bob and carol accept it and get every byte. */
  private void sendsFile(String room, Person alice, Person bob, Person carol) throws Exception {
    for (Person p : List.of(alice, bob, carol)) p.open(url(room));
    for (Person viewer : List.of(bob, carol)) assertSeesVideo(viewer, alice);
    String aliceId = idOf(alice);
    alice.await("bob and carol connected", s -> ((List<?>) s.get("peers")).stream()
        .filter(p -> "connected".equals(((Map<?, ?>) p).get("state"))).count() == 2);

    chooseFile(alice, "report.bin", FILE_SIZE, 0x2545F491);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(testFile(FILE_SIZE, 0x2545F491)));
    for (Person receiver : List.of(bob, carol)) {
      receiver.await("alice's offer", s -> incoming(s, "report.bin") != null);
      receiver.click("toggle-chat");
      String offer = receiver.text("#chat-log li.file:last-child p");
      assertEquals("offers report.bin (5.0 MB)", offer, "name and size are shown before accepting");
      receiver.clickOn("#chat-log button.accept[aria-label='Accept report.bin from " + labelOf(receiver, aliceId) + "']");
    }
    for (Person receiver : List.of(bob, carol)) {
      Map<String, Object> file = incoming(receiver.await("the whole file", s -> {
        Map<String, Object> f = incoming(s, "report.bin");
        return f != null && List.of("done", "corrupted", "failed").contains(f.get("state"));
      }), "report.bin");
      assertEquals("done", file.get("state"), receiver.name() + ": " + file);
      assertEquals(FILE_SIZE, ((Number) file.get("received")).intValue());
      assertEquals(expected, file.get("sha256"), receiver.name() + " has every byte as sent");
      assertEquals(true, file.get("verified"));
      assertEquals("Save report.bin", receiver.text("#chat-log li.file:last-child a.save"));
    }
    alice.await("both have it", s -> {
      Map<?, ?> to = (Map<?, ?>) ((Map<?, ?>) ((List<?>) ((Map<?, ?>) s.get("files")).get("outgoing")).get(0)).get("to");
      return to.size() == 2 && to.values().stream().allMatch(t -> "sent".equals(((Map<?, ?>) t).get("state")));
    });
  }

  private static String labelOf(Person viewer, String peerId) {
    return (String) peerSeenBy(viewer.snapshot(), peerId).get("name");
  }
}
