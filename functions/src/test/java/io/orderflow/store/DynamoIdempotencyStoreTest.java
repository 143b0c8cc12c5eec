package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.idempotency.Idempotency;
import io.orderflow.idempotency.IdempotencyStore;
import io.orderflow.idempotency.IdempotencyStore.Record;
import io.orderflow.idempotency.IdempotencyStore.Record.Status;
import io.orderflow.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAws.Extension.class)
class DynamoIdempotencyStoreTest {

  private static final Instant NOW = Instant.parse("2025-03-01T09:30:00Z");

  private final IdempotencyStore store;

  DynamoIdempotencyStoreTest(LocalAws aws) {
    this.store = aws.adapters().idempotency();
  }

  @Test
  void concurrentDuplicatesRunTheActionExactlyOnce() throws Exception {
    Idempotency idempotency = Idempotency.withDefaults(store, MutableClock.at("2025-03-01T09:30:00Z"));
    String key = key();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch everyoneElseAsked = new CountDownLatch(19);

    List<String> outcomes = DynamoInventoryTest.concurrently(20, () -> {
      try {
        Idempotency.Result result = idempotency.run(key, Idempotency.hash("{\"sku\":\"SKU-1\"}"), () -> {
          runs.incrementAndGet();
          // Hold the claim until every caller has tried, so they all meet it IN_PROGRESS.
          await(everyoneElseAsked);
          return "order-42";
        });
        return result.replayed() ? "REPLAYED" : "RAN";
      } catch (Idempotency.InProgress e) {
        everyoneElseAsked.countDown();
        return "IN_PROGRESS";
      }
    });

    assertThat(runs).hasValue(1);
    assertThat(outcomes).containsOnlyOnce("RAN").doesNotContain("REPLAYED").hasSize(20);
    assertThat(idempotency.run(key, Idempotency.hash("{\"sku\":\"SKU-1\"}"), () -> "again"))
        .isEqualTo(new Idempotency.Result("order-42", true));
    assertThatThrownBy(() -> idempotency.run(key, Idempotency.hash("{\"sku\":\"SKU-2\"}"), () -> "other"))
        .isInstanceOf(Idempotency.KeyReused.class);
  }

  @Test
  void aRetryTakesOverTheLeaseOfARunThatDiedAndCompletesIt() {
    MutableClock clock = MutableClock.at("2025-03-01T09:30:00Z");
    Duration lease = Duration.ofSeconds(45);
    Idempotency idempotency = new Idempotency(store, clock, lease, Idempotency.RETENTION);
    String key = key();
    String hash = Idempotency.hash("authorize|tok_visa|10.00 USD");
    AtomicInteger calls = new AtomicInteger();
    // The first run claims the key and dies mid-call (the JVM is killed): nothing completes it.
    assertThat(store.begin(key, hash, clock.instant(), clock.instant().plus(lease)).status()).isEqualTo(Status.NEW);

    clock.advance(lease.minusMillis(1));
    assertThatThrownBy(() -> idempotency.run(key, hash, () -> "auth-" + calls.incrementAndGet()))
        .isInstanceOf(Idempotency.InProgress.class);
    clock.advance(Duration.ofMillis(2));
    Idempotency.Result takenOver = idempotency.run(key, hash, () -> "auth-" + calls.incrementAndGet());

    assertThat(takenOver).isEqualTo(new Idempotency.Result("auth-1", false));
    clock.advance(Duration.ofHours(1));
    assertThat(idempotency.run(key, hash, () -> "auth-" + calls.incrementAndGet()))
        .isEqualTo(new Idempotency.Result("auth-1", true));
    assertThat(calls).hasValue(1);
  }

  @Test
  void aClaimIsHeldUntilItsLockRunsOut() {
    String key = key();
    assertThat(store.begin(key, "hash-1", NOW, NOW.plusSeconds(60)).status()).isEqualTo(Status.NEW);

    assertThat(store.begin(key, "hash-1", NOW.plusSeconds(59), NOW.plusSeconds(119)))
        .isEqualTo(new Record(key, Status.IN_PROGRESS, "hash-1", null));
    // The first caller died: after its lock a retry may claim the key.
    assertThat(store.begin(key, "hash-1", NOW.plusSeconds(61), NOW.plusSeconds(121)).status()).isEqualTo(Status.NEW);
  }

  @Test
  void aCompletedRecordIsReplayedUntilItExpires() {
    String key = key();
    store.begin(key, "hash-1", NOW, NOW.plusSeconds(60));
    store.complete(key, "hash-1", "{\"orderId\":\"o-1\"}", NOW.plus(Duration.ofHours(24)));

    Instant later = NOW.plus(Duration.ofHours(23));
    assertThat(store.begin(key, "hash-1", later, later.plusSeconds(60)))
        .isEqualTo(new Record(key, Status.COMPLETED, "hash-1", "{\"orderId\":\"o-1\"}"));
    // TTL deletes lazily; an expired record must not hold the key meanwhile.
    Instant expired = NOW.plus(Duration.ofHours(25));
    assertThat(store.begin(key, "hash-2", expired, expired.plusSeconds(60)).status()).isEqualTo(Status.NEW);
  }

  @Test
  void aReleasedClaimCanBeRetriedButACompletedRecordIsNeverReleased() {
    String failed = key();
    store.begin(failed, "hash-1", NOW, NOW.plusSeconds(60));
    store.release(failed);
    assertThat(store.begin(failed, "hash-1", NOW.plusSeconds(1), NOW.plusSeconds(61)).status()).isEqualTo(Status.NEW);

    String done = key();
    store.begin(done, "hash-1", NOW, NOW.plusSeconds(60));
    store.complete(done, "hash-1", null, NOW.plus(Duration.ofHours(1)));
    store.release(done);
    assertThat(store.begin(done, "hash-1", NOW.plusSeconds(1), NOW.plusSeconds(61)))
        .isEqualTo(new Record(done, Status.COMPLETED, "hash-1", null));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String key() {
    return "request-" + UUID.randomUUID();
  }
}
