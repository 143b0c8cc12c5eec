package io.orderflow.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter, for DynamoDB work the service asks us to repeat
 * (transaction conflicts on hot items, unprocessed batch keys): jitter spreads the retries of
 * many contenders so they do not collide again.
 */
final class Backoff {

  static final int MAX_ATTEMPTS = 10;
  private static final long BASE_MILLIS = 10;
  private static final long CAP_MILLIS = 1_000;

  private Backoff() {}

  /** Waits before attempt {@code attempt + 1}. */
  static void pause(int attempt) {
    long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 20));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }
}
