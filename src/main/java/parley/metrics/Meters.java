package parley.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import parley.protocol.ErrorCode;
import parley.protocol.SignalType;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Every meter Parley exports, named in one place (Prometheus adds _total and _seconds). */
public final class Meters {
  private static final long ANCHOR_EPOCH_MICROS = System.currentTimeMillis() * 1_000;
  private static final long ANCHOR_NANOS = System.nanoTime();

  private final MeterRegistry registry;
  private final Map<SignalType, Counter> relayed = new EnumMap<>(SignalType.class);
  private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
  private final Counter slowReaders;
  private final Timer relayLatency;
  private final Map<String, Counter> refused = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, Counter> access = new java.util.concurrent.ConcurrentHashMap<>();

  public Meters(MeterRegistry registry, Supplier<Number> peers, Supplier<Number> rooms, Supplier<Number> busConsumers) {
    this.registry = registry;
    Gauge.builder("parley.peers", peers).description("WebSockets open on this node").register(registry);
    Gauge.builder("parley.rooms", rooms).description("Rooms with a peer on this node").register(registry);
    Gauge.builder("parley.bus.consumers", busConsumers)
        .description("Event-bus consumers the places on this node hold: one per place, two for a while after a resume").register(registry);
    for (SignalType type : SignalType.values()) {
      relayed.put(type, Counter.builder("parley.messages.relayed").tag("type", type.wire())
          .description("Signals received from a sender and relayed, counted by the sender's node").register(registry));
    }
    for (ErrorCode code : ErrorCode.values()) {
      errors.put(code, errorCounter(code.wire()));
    }
    slowReaders = errorCounter("slow-reader");
    relayLatency = Timer.builder("parley.relay.latency")
        .description("From a frame received to its relay written, local and cross-node")
        .serviceLevelObjectives(
            Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
            Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(1000))
        .register(registry);
  }

  private Counter errorCounter(String code) {
    return Counter.builder("parley.errors").tag("code", code)
        .description("Errors sent to clients, and peers dropped for not reading").register(registry);
  }

  public void relayed(SignalType type) {
    relayed.get(type).increment();
  }

  public void error(ErrorCode code) {
    errors.get(code).increment();
  }

  public void slowReaderDropped() {
    slowReaders.increment();
  }

  /** Decisions at a room's door: knock, admit, deny, kick. */
  public void access(String action, int count) {
    access.computeIfAbsent(action, a -> Counter.builder("parley.access").tag("action", a)
        .description("Decisions at rooms' doors: knocks, admits, denies and kicks").register(registry)).increment(count);
  }

  /** An upgrade refused before it happened: bad-room, origin, draining, node-full or address-full. */
  public void refused(String reason) {
    refused.computeIfAbsent(reason, r -> Counter.builder("parley.upgrades.refused").tag("reason", r)
        .description("WebSocket upgrades refused before the upgrade, by reason").register(registry)).increment();
  }

  /** Records the time since {@code sentMicros} (from {@link #nowMicros()}, possibly on another node). */
  public void delivered(long sentMicros) {
    relayLatency.record(Math.max(0, nowMicros() - sentMicros), TimeUnit.MICROSECONDS);
  }

  /** Wall-clock microseconds, monotonic within this JVM, comparable across nodes with synchronised clocks. */
  public static long nowMicros() {
    return ANCHOR_EPOCH_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1_000;
  }

  public MeterRegistry registry() {
    return registry;
  }
}
