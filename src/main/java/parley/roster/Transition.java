package parley.roster;

import java.io.Serializable;

/**
 * What one change did to a room: its verdict and the room before and after (equal when refused).
 * The caller tells every peer concerned from the difference.
 */
public record Transition(Verdict verdict, RosterEntry before, RosterEntry after) implements Serializable {

  public enum Verdict {
    /** Done. */
    DONE,
    /** Refused: the room has no space (for members, or for knockers). */
    FULL,
    /** Not a member now: the room is locked and the newcomer knocks. */
    KNOCKING,
    /** Refused: the actor is not a host. */
    NOT_HOST,
    /** Refused: the target is not there (not a member, or not knocking). */
    UNKNOWN,
    /** Refused: the password is wrong, or the lock has none. */
    BAD_PASSWORD
  }

  static Transition refused(Verdict verdict, RosterEntry room) {
    return new Transition(verdict, room, room);
  }

  public boolean done() {
    return verdict == Verdict.DONE;
  }
}
