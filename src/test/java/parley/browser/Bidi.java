package parley.browser;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A WebDriver BiDi client (https://w3c.github.io/webdriver-bidi/) over the JDK's WebSocket: commands with ids,
 * their answers, and events. Only what the browser tests use; JSON through Vert.x's {@link JsonObject}.
 */
final class Bidi implements AutoCloseable {
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<JsonObject>> listeners = new CopyOnWriteArrayList<>();
  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;
  private volatile String closedBecause;

  private Bidi(URI uri) {
    try {
      socket = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build().newWebSocketBuilder()
          .connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Listener()).get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted connecting to " + uri, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("no WebDriver BiDi connection to " + uri + ": " + e, e);
    }
  }

  static Bidi connect(URI uri) {
    return new Bidi(uri);
  }

  /** Sends {@code method} with {@code params}; returns its result, or fails with the browser's error. */
  JsonObject send(String method, JsonObject params, Duration timeout) {
    long id = ids.incrementAndGet();
    var answer = new CompletableFuture<JsonObject>();
    pending.put(id, answer);
    String command = new JsonObject().put("id", id).put("method", method).put("params", params).encode();
    try {
      if (closedBecause != null) throw new AssertionError("WebDriver BiDi connection closed: " + closedBecause);
      synchronized (socket) { // one message at a time: the JDK's WebSocket refuses a send while one is under way
        socket.sendText(command, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      JsonObject message = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if ("error".equals(message.getString("type"))) {
        throw new AssertionError(method + " failed: " + message.getString("error") + ": " + message.getString("message"));
      }
      return message.getJsonObject("result", new JsonObject());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + method, e);
    } catch (ExecutionException e) {
      throw new AssertionError(method + " got no answer: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(method + " got no answer within " + timeout + ": " + abbreviate(params.encode()));
    } finally {
      pending.remove(id);
    }
  }

  /** Calls {@code listener} with the params of every event named {@code method} (once subscribed to). */
  void on(String method, Consumer<JsonObject> listener) {
    listeners.add(message -> {
      if (method.equals(message.getString("method"))) listener.accept(message.getJsonObject("params"));
    });
  }

  @Override
  public void close() {
    closedBecause = "closed by the test";
    socket.abort();
  }

  private void received(String text) {
    JsonObject message = new JsonObject(text);
    Long id = message.getLong("id");
    if (id != null) {
      var answer = pending.get(id);
      if (answer != null) answer.complete(message);
    } else if ("event".equals(message.getString("type"))) {
      for (var listener : listeners) listener.accept(message);
    } else if (message.getString("type").equals("error")) {
      System.out.println("WebDriver BiDi error without a command: " + abbreviate(text));
    }
  }

  private void closed(String why) {
    closedBecause = why;
    pending.values().forEach(answer -> answer.completeExceptionally(new IllegalStateException("connection " + why)));
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  private final class Listener implements WebSocket.Listener {
    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          received(text);
        } catch (RuntimeException e) {
          System.out.println("WebDriver BiDi message not understood (" + e + "): " + abbreviate(text));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed("closed by the browser (" + statusCode + " " + reason + ")");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed("failed: " + error);
    }
  }

  /**
   * A script's result as Java values, as Selenium gives them: null, String, Boolean, Long (whole numbers) or Double,
   * List (arrays, sets) and Map (objects, maps); anything else (a node, a function) as its BiDi remote value.
   */
  static Object javaValue(JsonObject remote) {
    String type = remote.getString("type");
    Object value = remote.getValue("value");
    return switch (type) {
      case "undefined", "null" -> null;
      case "string", "boolean" -> value;
      case "number" -> number(value);
      case "bigint" -> new BigInteger((String) value);
      case "array", "set" -> {
        List<Object> list = new ArrayList<>();
        if (value instanceof JsonArray items) for (Object item : items) list.add(javaValue((JsonObject) item));
        yield list;
      }
      case "object", "map" -> {
        Map<String, Object> map = new LinkedHashMap<>();
        if (value instanceof JsonArray entries) {
          for (Object entry : entries) {
            JsonArray pair = (JsonArray) entry;
            Object key = pair.getValue(0);
            String name = key instanceof JsonObject remoteKey ? String.valueOf(javaValue(remoteKey)) : (String) key;
            map.put(name, javaValue(pair.getJsonObject(1)));
          }
        }
        yield map;
      }
      default -> remote.getMap();
    };
  }

  private static Object number(Object value) {
    if (value instanceof String special) {
      return switch (special) {
        case "NaN" -> Double.NaN;
        case "-0" -> -0.0;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> throw new IllegalArgumentException("not a number: " + special);
      };
    }
    Number number = (Number) value;
    double d = number.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) return (long) d;
    return d;
  }
}
