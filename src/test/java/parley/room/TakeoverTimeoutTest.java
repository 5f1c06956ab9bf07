package parley.room;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A resume's takeover request gives up well inside the grace, so a retry still finds the place held. */
class TakeoverTimeoutTest {

  @Test
  void a_takeover_times_out_well_inside_the_grace() {
    assertEquals(375, Rooms.takeoverTimeoutMs(1_500));
    assertEquals(250, Rooms.takeoverTimeoutMs(200));
    assertEquals(2_000, Rooms.takeoverTimeoutMs(60_000));
  }
}
