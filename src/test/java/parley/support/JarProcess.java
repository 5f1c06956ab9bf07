package parley.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code java -jar target/parley.jar}, started as a user would, with its output captured line by line. */
public final class JarProcess implements AutoCloseable {
  public static final Path JAR = Path.of("target/parley.jar");
  /** The runtime the jar runs on: {@code -Dparley.java.home} (e.g. Java 25 while the build runs on 17), else this JVM's own. */
  public static final Path JAVA_HOME = Path.of(System.getProperty("parley.java.home", System.getProperty("java.home")));
  /**
   * {@code -Dparley.patchedClasses=DIR_OR_JAR}: classes put before the jar's own, to measure a change to a library
   * (docs/benchmarks.md measures one to Vert.x this way); the shipped jar never has any.
   */
  private static final String PATCHED_CLASSES = System.getProperty("parley.patchedClasses", "");
  private static final Pattern SERVING = Pattern.compile("Parley is serving: open https?://[^:]+:(\\d+)/");

  private final Process process;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());

  private JarProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          output.add(line);
          lines.add(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "jar-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the jar with extra environment, JVM options (before -jar) and program arguments (after it). */
  public static JarProcess start(Map<String, String> env, List<String> jvmOptions, List<String> args) {
    return start(List.of(), env, jvmOptions, args);
  }

  /** The same, the command run through {@code launcher} (e.g. {@code taskset -c 0}). */
  public static JarProcess start(List<String> launcher, Map<String, String> env, List<String> jvmOptions, List<String> args) {
    if (!Files.exists(JAR)) throw new AssertionError(JAR + " is missing: run mvn verify, which packages it first");
    List<String> command = new ArrayList<>(launcher);
    command.add(JAVA_HOME.resolve("bin/java").toString());
    command.addAll(jvmOptions);
    if (PATCHED_CLASSES.isEmpty()) {
      command.add("-jar");
      command.add(JAR.toString());
    } else {
      command.addAll(List.of("-cp", PATCHED_CLASSES + ":" + JAR, "parley.Launcher"));
    }
    command.addAll(args);
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    try {
      return new JarProcess(builder.start());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Waits for the line that announces the URL and returns its port. */
  public int awaitPort(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) break;
        Matcher m = SERVING.matcher(line);
        if (m.find()) return Integer.parseInt(m.group(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("the jar did not announce its URL within " + timeout + "; output:\n" + String.join("\n", output));
  }

  public long pid() {
    return process.pid();
  }

  /** SIGTERM, as an orchestrator stops a container. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL: the node dies on the spot, without a word to anyone. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends a signal by name (STOP: the node hangs, as a frozen VM or a long GC pause would). */
  public void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
  }

  /** Waits for a line of output containing {@code text}, already printed or to come. */
  public String awaitLine(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : output()) {
        if (line.contains(text)) return line;
      }
      try {
        // woken by the next line of output, or the deadline
        String next = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null) break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no line with '" + text + "' within " + timeout + "; output:\n" + String.join("\n", output()));
  }

  public boolean printed(String text) {
    return output().stream().anyMatch(line -> line.contains(text));
  }

  /** Waits for the process to exit and returns its exit code. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the jar did not exit within " + timeout + "; output:\n" + String.join("\n", output));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  public List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
