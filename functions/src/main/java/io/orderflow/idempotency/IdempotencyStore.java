package io.orderflow.idempotency;

import java.time.Instant;

/**
 * Port: idempotency records, laid out like Powertools' (key, status, expiry, request hash, stored
 * response). {@link #begin} is a conditional write, so of many concurrent callers with one key
 * exactly one gets {@link Record.Status#NEW}.
 */
public interface IdempotencyStore {

  /**
   * Claims {@code key} as IN_PROGRESS until {@code lockedUntil}, unless a record exists that is
   * COMPLETED, or IN_PROGRESS and not yet expired. Returns the record that now holds the key: a
   * NEW one if this call claimed it.
   */
  Record begin(String key, String requestHash, Instant now, Instant lockedUntil);

  /** Marks the key COMPLETED for that request with the response to replay, kept until {@code expiresAt}. */
  void complete(String key, String requestHash, String response, Instant expiresAt);

  /** Releases a claimed key after a failure, so a retry can run. */
  void release(String key);

  record Record(String key, Status status, String requestHash, String response) {
    public enum Status {
      NEW,
      IN_PROGRESS,
      COMPLETED
    }
  }
}
