package parley.room;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ids of the last signals a place delivered or queued: a handover and its forwarding may bring one twice. */
final class RecentIds {
  private static final int LIMIT = 512;

  private final LinkedHashMap<Long, Boolean> ids = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
      return size() > LIMIT;
    }
  };

  /** True the first time an id is seen. */
  boolean firstTime(long id) {
    return ids.put(id, Boolean.TRUE) == null;
  }
}
