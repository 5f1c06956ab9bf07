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

  /** CPU time of a process so far, in microseconds; {@code system} is the kernel's part (syscalls, the loopback TCP stack). */
  record Cpu(long total, long system) {
    Cpu plus(Cpu other) {
      return new Cpu(total + other.total, system + other.system);
    }

    Cpu minus(Cpu other) {
      return new Cpu(total - other.total, system - other.system);
    }
  }

  static Cpu cpu(long pid) {
    String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
    // fields after "(comm) ": state is field 3, utime field 14, stime field 15
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long user = Long.parseLong(fields[11]) * MICROS_PER_TICK;
    long system = Long.parseLong(fields[12]) * MICROS_PER_TICK;
    return new Cpu(user + system, system);
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
