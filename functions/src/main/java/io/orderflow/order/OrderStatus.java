package io.orderflow.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * The order status machine. A transition that is not listed here is a bug or a race, and is
 * refused with {@link IllegalTransition}: a status is never silently overwritten.
 */
public enum OrderStatus {
  PENDING,
  VALIDATED,
  RESERVED,
  ON_HOLD,
  PAID,
  DISPATCHED,
  IN_TRANSIT,
  DELIVERED,
  DELIVERY_EXCEPTION,
  COMPLETED,
  REJECTED,
  CANCELLED,
  /**
   * A failure the workflow could not compensate by itself (a compensation that kept failing): the
   * order waits, visibly, for ops or the sweeper, never silently stranded.
   */
  NEEDS_ATTENTION;

  /** Where each status may go next. */
  public Set<OrderStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(VALIDATED, REJECTED, CANCELLED, NEEDS_ATTENTION);
      case VALIDATED -> EnumSet.of(RESERVED, CANCELLED, NEEDS_ATTENTION);
      case RESERVED -> EnumSet.of(PAID, ON_HOLD, CANCELLED, NEEDS_ATTENTION);
      case ON_HOLD -> EnumSet.of(PAID, CANCELLED, NEEDS_ATTENTION);
      case PAID -> EnumSet.of(DISPATCHED, CANCELLED, NEEDS_ATTENTION);
      // A parcel the carrier never picks up is cancelled (DISPATCH_FAILED).
      case DISPATCHED -> EnumSet.of(IN_TRANSIT, DELIVERY_EXCEPTION, CANCELLED, NEEDS_ATTENTION);
      case IN_TRANSIT -> EnumSet.of(DELIVERED, DELIVERY_EXCEPTION, NEEDS_ATTENTION);
      // Policy: a delivery exception is refunded and the order cancelled with the carrier's code.
      case DELIVERY_EXCEPTION -> EnumSet.of(CANCELLED, NEEDS_ATTENTION);
      case DELIVERED -> EnumSet.of(COMPLETED, NEEDS_ATTENTION);
      // Once ops or the sweeper have compensated what was left, the order ends cancelled; one that
      // was delivered (only its completion or capture was left) ends completed.
      case NEEDS_ATTENTION -> EnumSet.of(CANCELLED, COMPLETED);
      case COMPLETED, REJECTED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
    };
  }

  public boolean canMoveTo(OrderStatus target) {
    return next().contains(target);
  }

  public boolean isFinal() {
    return next().isEmpty();
  }

  /** The customer may still cancel: nothing has left the warehouse. */
  public boolean isCancellable() {
    return this == PENDING || this == VALIDATED || this == RESERVED || this == ON_HOLD || this == PAID;
  }
}
