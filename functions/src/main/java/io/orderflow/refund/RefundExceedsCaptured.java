package io.orderflow.refund;

import io.orderflow.order.BusinessError;
import io.orderflow.order.Money;

/** A refund asked for more than was captured minus what was already refunded; nothing moved. */
public class RefundExceedsCaptured extends BusinessError {
  public RefundExceedsCaptured(String orderId, Money requested, Money refundable) {
    // No status reason: a refused refund leaves the order's status as it is.
    super(null, "cannot refund " + requested + " on order " + orderId + ": only " + refundable + " is refundable");
  }
}
