package io.orderflow.testing;

import io.orderflow.limits.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

public final class InMemoryRateLimits implements RateLimits {

  private final Map<String, Integer> uses = new HashMap<>();

  @Override
  public synchronized Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now) {
    String counter = key + "@" + RateLimits.windowStart(now, window);
    int used = uses.getOrDefault(counter, 0);
    if (used >= limit) {
      return Optional.of(RateLimits.untilWindowEnds(now, window));
    }
    uses.put(counter, used + 1);
    return Optional.empty();
  }
}
