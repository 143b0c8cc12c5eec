package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.limits.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAws.Extension.class)
class DynamoRateLimitsTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final RateLimits limits;

  DynamoRateLimitsTest(LocalAws aws) {
    this.limits = aws.adapters().rateLimits();
  }

  @Test
  void twentyConcurrentCallersPassAFiveAWindowLimitExactlyFiveTimes() throws Exception {
    String key = "tickets#" + UUID.randomUUID();
    Instant now = Instant.parse("2026-12-02T10:00:40Z");

    List<Optional<Duration>> outcomes = DynamoInventoryTest.concurrently(20, () -> limits.tryAcquire(key, 5, MINUTE, now));

    assertThat(outcomes).filteredOn(Optional::isEmpty).hasSize(5);
    assertThat(outcomes).filteredOn(Optional::isPresent).extracting(Optional::get).containsOnly(Duration.ofSeconds(20));
  }

  @Test
  void theNextWindowCountsAfresh() {
    String key = "tickets#" + UUID.randomUUID();
    Instant late = Instant.parse("2026-12-02T10:00:59.500Z");

    assertThat(limits.tryAcquire(key, 1, MINUTE, late)).isEmpty();
    assertThat(limits.tryAcquire(key, 1, MINUTE, late)).contains(Duration.ofSeconds(1));
    assertThat(limits.tryAcquire(key, 1, MINUTE, late.plusSeconds(1))).isEmpty();
  }
}
