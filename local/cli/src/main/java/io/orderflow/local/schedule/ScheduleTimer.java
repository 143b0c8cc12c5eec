package io.orderflow.local.schedule;

import io.orderflow.platform.LambdaFunction;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The local stand-in for an EventBridge {@code rate(...)} rule: invokes a function with a
 * scheduled event every interval, on one daemon thread. A run that throws is logged, as Lambda
 * would record the error, and the next run comes anyway; runs never overlap (the next starts an
 * interval after the previous one ended), which on AWS the handler cannot rely on, so it must be
 * safe to run concurrently regardless.
 */
public final class ScheduleTimer implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger(ScheduleTimer.class);

  private final ScheduledExecutorService timer;

  /**
   * Starts the timer; the first run is one interval from now.
   *
   * @param invoke hands the event to the function (the local stack's in-process invocation)
   */
  public ScheduleTimer(LambdaFunction function, Duration interval, Consumer<Map<String, Object>> invoke) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException("a schedule's interval must be positive, was " + interval);
    }
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "schedule-" + function.baseName());
      t.setDaemon(true);
      return t;
    });
    long nanos = interval.toNanos();
    timer.scheduleWithFixedDelay(() -> {
      try {
        invoke.accept(event(function));
      } catch (RuntimeException e) {
        LOG.error("scheduled run of {} failed", function.localName(), e);
      }
    }, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  /** What EventBridge sends a rule's target: a "Scheduled Event" from aws.events naming the rule. */
  static Map<String, Object> event(LambdaFunction function) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "0");
    event.put("id", UUID.randomUUID().toString());
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.events");
    event.put("account", "000000000000");
    event.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", "us-east-1");
    event.put("resources", List.of("arn:aws:events:us-east-1:000000000000:rule/" + function.localName()));
    event.put("detail", Map.of());
    return event;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
