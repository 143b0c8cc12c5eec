package io.orderflow.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.testing.InMemoryIdempotencyStore;
import io.orderflow.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

  private final MutableClock clock = MutableClock.at("2026-11-23T10:00:00Z");
  private final Idempotency idempotency =
      new Idempotency(new InMemoryIdempotencyStore(), clock, Duration.ofSeconds(60), Duration.ofHours(24));
  private final AtomicInteger runs = new AtomicInteger();

  @Test
  void theSameRequestRunsOnceAndReplaysTheResponse() {
    String hash = Idempotency.hash("{\"a\":1}");
    Idempotency.Result first = idempotency.run("k", hash, () -> "response-" + runs.incrementAndGet());
    Idempotency.Result second = idempotency.run("k", hash, () -> "response-" + runs.incrementAndGet());

    assertThat(runs).hasValue(1);
    assertThat(first.replayed()).isFalse();
    assertThat(second.replayed()).isTrue();
    assertThat(second.response()).isEqualTo("response-1");
  }

  @Test
  void aDifferentRequestUnderTheSameKeyIsRefused() {
    idempotency.run("k", Idempotency.hash("one"), () -> "r");
    assertThatThrownBy(() -> idempotency.run("k", Idempotency.hash("two"), () -> "r"))
        .isInstanceOf(Idempotency.KeyReused.class);
  }

  @Test
  void aFailedRunReleasesTheKeySoARetryRuns() {
    String hash = Idempotency.hash("x");
    assertThatThrownBy(() -> idempotency.run("k", hash, () -> {
      throw new IllegalStateException("boom");
    })).hasMessage("boom");

    assertThat(idempotency.run("k", hash, () -> "second try").response()).isEqualTo("second try");
  }

  @Test
  void aRunStillInProgressIsReportedUntilItsLockExpires() {
    String hash = Idempotency.hash("x");
    InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    Idempotency a = new Idempotency(store, clock, Duration.ofSeconds(60), Duration.ofHours(1));
    store.begin("k", hash, clock.instant(), clock.instant().plusSeconds(60));

    assertThatThrownBy(() -> a.run("k", hash, () -> "r")).isInstanceOf(Idempotency.InProgress.class);
    clock.advance(Duration.ofSeconds(61));
    assertThat(a.run("k", hash, () -> "after expiry").response()).isEqualTo("after expiry");
  }
}
