package io.orderflow.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: fixed-window counters, one per key and window. Counting is one conditional write, so many
 * concurrent callers can never together pass more than the limit.
 */
public interface RateLimits {

  /**
   * Counts one use of {@code key} in the window of length {@code window} that contains {@code now}
   * (windows start at multiples of their length since the epoch), unless {@code limit} uses were
   * counted in it already.
   *
   * @return empty if counted; otherwise how long until the window ends and a use counts again
   */
  Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now);

  /** The start of the window of length {@code window} that contains {@code now}. */
  static Instant windowStart(Instant now, Duration window) {
    long length = window.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), length) * length);
  }

  /** Whole seconds until the window that contains {@code now} ends; at least one. */
  static Duration untilWindowEnds(Instant now, Duration window) {
    Duration left = Duration.between(now, windowStart(now, window).plus(window));
    return Duration.ofSeconds(Math.max(1, (left.toMillis() + 999) / 1000));
  }
}
