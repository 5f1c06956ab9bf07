package parley.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import parley.support.SingleNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Four people in one call, seen on a 1280x720 desktop and on a 390x844 phone: a 2x2 grid that fits the screen. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GridLayoutTest {
  /** What the page shows where: each tile, its caption and label, the controls, the chat, and whether the page scrolls. */
  private static final String GEOMETRY = """
      const box = (e) => { const r = e.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
      const chat = document.getElementById('chat');
      return {
        width: innerWidth, height: innerHeight,
        scrolls: document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth,
        tiles: [...document.querySelectorAll('#grid .tile')].map((t) => ({box: box(t),
            caption: box(t.querySelector('figcaption')), label: t.querySelector('.label').textContent})),
        controls: box(document.querySelector('.controls')),
        chat: chat.hidden ? null : box(chat),
      };""";
  private static SingleNode node;

  @BeforeAll
  static void start() {
    node = new SingleNode(CallTest.browserSettings());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void four_people_fill_a_desktop_and_a_phone_two_by_two_with_names_and_nothing_cut_off() throws Exception {
    try (Browser browser = new Browser()) {
      List<Person> people = List.of("Alice", "Bob", "Carol", "Dave").stream().map(browser::person).toList();
      for (Person person : people) person.open("http://127.0.0.1:" + node.port(0) + "/four-people?join=1&name=" + person.name());
      Person alice = people.get(0);
      for (Person other : people.subList(1, 4)) CallTest.assertSeesVideo(alice, other);

      for (var screen : List.of(new Screen(1280, 720, false, "four-people-desktop"), new Screen(390, 844, true, "four-people-phone"))) {
        alice.viewport(screen.width, screen.height, screen.mobile);
        Map<String, Object> page = geometry(alice, screen, false);
        List<Map<String, Object>> tiles = tiles(page);
        assertEquals(Set.of("You", "Bob", "Carol", "Dave"), tiles.stream().map(t -> (String) t.get("label")).collect(Collectors.toSet()),
            "every tile is labelled with its person's name");
        assertFalse((Boolean) page.get("scrolls"), screen + ": the page fits without scrolling");
        Box controls = Box.of(page.get("controls"));
        for (Map<String, Object> tile : tiles) {
          Box box = Box.of(tile.get("box"));
          assertTrue(box.within(screen.width, screen.height), screen + ": tile " + tile.get("label") + " on screen: " + box);
          assertTrue(box.bottom <= controls.top + 0.5, screen + ": tile " + tile.get("label") + " above the controls");
          assertTrue(box.area() >= 0.12 * screen.width * screen.height, screen + ": tile " + tile.get("label") + " uses its share: " + box);
          assertTrue(Box.of(tile.get("caption")).inside(box), screen + ": the name of " + tile.get("label") + " shows whole");
        }
        alice.screenshot(screen.name);

        alice.click("toggle-chat");
        Map<String, Object> withChat = geometry(alice, screen, true);
        Box chat = Box.of(withChat.get("chat"));
        assertFalse(chat.overlaps(Box.of(withChat.get("controls"))), screen + ": the chat leaves the controls free");
        assertTrue(chat.within(screen.width, screen.height), screen + ": the chat is on screen: " + chat);
        assertEquals(List.of(), Accessibility.unnamedControls(alice), screen + ": every control has a name a screen reader says");
        if (screen.mobile) {
          for (Map<String, Object> tile : tiles(withChat)) {
            assertFalse(chat.overlaps(Box.of(tile.get("box"))), "on a phone the chat takes room from the grid, over no tile");
          }
        }
        alice.click("toggle-chat");
      }
      alice.viewport(1280, 720, false);
      geometry(alice, new Screen(1280, 720, false, "desktop"), false);
      pinningEnlargesOneTileAndUnpinningRestoresTheGrid(alice);
      shortcutsAndBadges(people.get(1), alice);
      Files.createDirectories(Path.of("target/docs"));
      for (String shot : List.of("four-people-desktop", "four-people-phone")) {
        Files.copy(Browser.SCREENSHOTS.resolve(shot + ".png"), Path.of("target/docs/" + shot + ".png"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** Pinning Bob's tile gives it the first row, at least three times any other tile; unpinning gives back the 2x2 grid. */
  @SuppressWarnings("unchecked")
  private static void pinningEnlargesOneTileAndUnpinningRestoresTheGrid(Person alice) {
    alice.clickOn("#grid .tile:not(.local) .pin[aria-label='Pin Bob']");
    Map<String, Object> pinned = (Map<String, Object>) alice.awaitScript("Bob's tile pinned", GEOMETRY, result -> {
      List<Map<String, Object>> tiles = tiles((Map<String, Object>) result);
      double bob = tiles.stream().filter(t -> "Bob".equals(t.get("label"))).mapToDouble(t -> Box.of(t.get("box")).area()).sum();
      return tiles.stream().filter(t -> !"Bob".equals(t.get("label"))).allMatch(t -> Box.of(t.get("box")).area() * 3 <= bob);
    });
    assertEquals("Unpin", alice.text("#grid .tile.pinned .pin"), "the pinned tile's button says what it does now");
    for (Map<String, Object> tile : tiles(pinned)) {
      assertTrue(Box.of(tile.get("box")).within(1280, 720), "pinned or not, every tile stays on screen");
    }
    alice.clickOn("#grid .tile.pinned .pin");
    geometry(alice, new Screen(1280, 720, false, "desktop"), false);
  }

  /** Bob mutes with M and turns his camera off with V: Alice sees both as named badges; ? lists the shortcuts. */
  @SuppressWarnings("unchecked")
  private static void shortcutsAndBadges(Person bob, Person alice) {
    bob.press("m");
    bob.press("v");
    assertEquals("true", bob.script("return document.getElementById('toggle-mic').getAttribute('aria-pressed')"), "M muted");
    assertEquals("true", bob.script("return document.getElementById('toggle-camera').getAttribute('aria-pressed')"), "V turned the camera off");
    List<String> badges = (List<String>) alice.awaitScript("Bob's badges", """
        const tile = [...document.querySelectorAll('#grid .tile')].find((t) => t.querySelector('.label').textContent === 'Bob');
        return [...tile.querySelectorAll('.badge')].map((b) => b.getAttribute('aria-label'));""",
        result -> ((List<?>) result).size() == 2);
    assertEquals(List.of("microphone off", "camera off"), badges);
    bob.press("?");
    assertEquals(Boolean.TRUE, bob.script("return document.getElementById('help').open"), "? opens the list of shortcuts");
    String listed = (String) bob.script("return document.querySelector('#help dl').textContent");
    for (String key : List.of("M", "V", "C", "?")) assertTrue(listed.contains(key), "the list names " + key + ": " + listed);
    bob.press("?");
    assertEquals(Boolean.FALSE, bob.script("return document.getElementById('help').open"), "? closes it again");
  }

  /** Waits until the page is laid out for {@code screen}: four tiles in two columns and two rows, the chat as asked. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> geometry(Person person, Screen screen, boolean chatOpen) {
    return (Map<String, Object>) person.awaitScript("four tiles in a 2x2 grid at " + screen, GEOMETRY, result -> {
      Map<String, Object> page = (Map<String, Object>) result;
      List<Map<String, Object>> tiles = tiles(page);
      Set<Long> columns = new TreeSet<>();
      Set<Long> rows = new TreeSet<>();
      tiles.forEach(t -> {
        columns.add(Math.round(Box.of(t.get("box")).left));
        rows.add(Math.round(Box.of(t.get("box")).top));
      });
      return ((Number) page.get("width")).intValue() == screen.width && tiles.size() == 4
          && columns.size() == 2 && rows.size() == 2 && (page.get("chat") != null) == chatOpen;
    });
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tiles(Map<String, Object> page) {
    return (List<Map<String, Object>>) page.get("tiles");
  }

  private record Screen(int width, int height, boolean mobile, String name) {
    @Override
    public String toString() {
      return width + "x" + height;
    }
  }

  private record Box(double left, double top, double right, double bottom) {
    @SuppressWarnings("unchecked")
    static Box of(Object json) {
      Map<String, Object> m = (Map<String, Object>) json;
      return new Box(num(m.get("l")), num(m.get("t")), num(m.get("r")), num(m.get("b")));
    }

    private static double num(Object value) {
      return ((Number) value).doubleValue();
    }

    boolean within(int width, int height) {
      return left >= -0.5 && top >= -0.5 && right <= width + 0.5 && bottom <= height + 0.5;
    }

    boolean inside(Box outer) {
      return left >= outer.left - 0.5 && top >= outer.top - 0.5 && right <= outer.right + 0.5 && bottom <= outer.bottom + 0.5;
    }

    boolean overlaps(Box other) {
      return left < other.right - 0.5 && other.left < right - 0.5 && top < other.bottom - 0.5 && other.top < bottom - 0.5;
    }

    double area() {
      return (right - left) * (bottom - top);
    }
  }
}
