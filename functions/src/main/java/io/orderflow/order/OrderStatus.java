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
  CANCELLED;

  /** Where each status may go next. */
  public Set<OrderStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(VALIDATED, REJECTED, CANCELLED);
      case VALIDATED -> EnumSet.of(RESERVED, CANCELLED);
      case RESERVED -> EnumSet.of(PAID, ON_HOLD, CANCELLED);
      case ON_HOLD -> EnumSet.of(PAID, CANCELLED);
      case PAID -> EnumSet.of(DISPATCHED, CANCELLED);
      // A parcel the carrier never picks up is cancelled (DISPATCH_FAILED).
      case DISPATCHED -> EnumSet.of(IN_TRANSIT, DELIVERY_EXCEPTION, CANCELLED);
      case IN_TRANSIT -> EnumSet.of(DELIVERED, DELIVERY_EXCEPTION);
      // Policy: a delivery exception is refunded and the order cancelled with the carrier's code.
      case DELIVERY_EXCEPTION -> EnumSet.of(CANCELLED);
      case DELIVERED -> EnumSet.of(COMPLETED);
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
