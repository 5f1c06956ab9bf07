package parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and resident memory of a process, read from /proc as the issue prescribes. */
final class Proc {
  /** Linux's USER_HZ: /proc/PID/stat counts CPU time in hundredths of a second. */
  private static final long MICROS_PER_TICK = 10_000;

  private Proc() {
  }

  /** User plus system CPU time of {@code pid} so far, in microseconds. */
  static long cpuMicros(long pid) {
    String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
    // fields after "(comm) ": state is field 3, utime field 14, stime field 15
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MICROS_PER_TICK;
  }

  /** System (kernel) CPU time of {@code pid} so far, in microseconds: the syscalls and the loopback TCP stack. */
  static long systemMicros(long pid) {
    String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[12]) * MICROS_PER_TICK;
  }

  /** VmRSS of {@code pid}, in KB. */
  static long rssKb(long pid) {
    for (String line : read(Path.of("/proc", String.valueOf(pid), "status")).split("\n")) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + path + ": is the process alive?", e);
    }
  }
}
