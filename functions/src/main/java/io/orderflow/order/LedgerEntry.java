package io.orderflow.order;

import java.time.Instant;
import java.util.Objects;

/**
 * One money movement on an order. {@code requestId} makes a movement idempotent: the same request
 * (a retried task, a repeated refund request) never moves money twice. {@code reference} is the
 * payment provider's id for the movement.
 */
public record LedgerEntry(
    String entryId, Kind kind, Money amount, Instant at, String requestId, String reference) {

  public enum Kind {
    AUTHORIZE,
    CAPTURE,
    VOID,
    REFUND
  }

  public LedgerEntry {
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(requestId, "requestId");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("ledger amounts are never negative: " + amount);
    }
  }
}
