package io.orderflow.order;

/** Why an order ended early or waits; shown to shops as {@code statusReason}. */
public enum StatusReason {
  UNKNOWN_SKU,
  INACTIVE_SKU,
  INVALID_QUANTITY,
  MIXED_CURRENCY,
  UNDELIVERABLE_ADDRESS,
  OUT_OF_STOCK,
  PAYMENT_DECLINED,
  RISK_REVIEW,
  CUSTOMER_CANCELLED,
  DISPATCH_FAILED,
  LOST,
  DAMAGED,
  ADDRESS_ISSUE,
  REFUSED,
  DELIVERY_TIMEOUT,
  AUTO_CONFIRMED,
  CUSTOMER_CONFIRMED,
  /** The payment provider stayed unreachable through every retry. */
  PAYMENT_UNAVAILABLE,
  /** A step failed for a reason that is not the customer's (a bug, a dependency down for good). */
  INTERNAL_ERROR,
  /** A compensation (void, release, refund) kept failing: ops must finish it by hand. */
  COMPENSATION_FAILED,
  /** A held payment nobody released within the hold window. */
  HOLD_EXPIRED,
  /** The customer already holds as many units of a SKU as one customer may (MAX_HELD_PER_SKU). */
  HOLD_LIMIT
}
