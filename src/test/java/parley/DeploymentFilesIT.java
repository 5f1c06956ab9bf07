package parley;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No container engine runs here, so the deployment files are checked, not started. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeploymentFilesIT {

  record Result(int exit, String output) {
  }

  static Result run(Map<String, String> env, String... command) throws IOException, InterruptedException {
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new Result(process.exitValue(), output);
  }

  @Test
  void docker_compose_accepts_the_compose_file() throws Exception {
    assertTrue(Files.isExecutable(Path.of("/usr/bin/docker-compose")), "needs Debian's docker-compose: bin/test installs it");
    Result result = run(Map.of("TURN_SECRET", "test-secret", "PUBLIC_HOST", "meet.example.com"),
        "docker-compose", "-f", "docker-compose.yml", "config");
    assertEquals(0, result.exit(), result.output());
    for (String service : List.of("parley1:", "parley2:", "parley3:", "nginx:", "coturn:")) {
      assertTrue(result.output().contains(service), service + " in " + result.output());
    }
  }

  @Test
  void docker_compose_refuses_to_start_without_a_turn_secret() throws Exception {
    Result result = run(Map.of(), "docker-compose", "-f", "docker-compose.yml", "config");
    assertTrue(result.exit() != 0 && result.output().contains("TURN_SECRET"), result.output());
  }

  @Test
  void nginx_accepts_the_load_balancer_config() throws Exception {
    Path dir = Files.createTempDirectory("parley-nginx-check");
    // the compose service names only resolve inside compose; the syntax is what is checked here
    String config = Files.readString(Path.of("conf/nginx.conf")).replaceAll("parley[123]:8080", "127.0.0.1:8080")
        .replace("listen 80;", "listen 127.0.0.1:8080;")
        .replace("events {", "pid " + dir + "/nginx.pid;\nerror_log " + dir + "/error.log;\nevents {");
    Files.writeString(dir.resolve("nginx.conf"), config);
    Result result = run(Map.of(), "/usr/sbin/nginx", "-t", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
        "-e", dir.resolve("error.log").toString());
    assertEquals(0, result.exit(), result.output());
  }
}
