package io.orderflow.aftersales.returns;

import java.util.EnumSet;
import java.util.Set;

/**
 * The return status machine of API.md: REQUESTED → APPROVED | REJECTED → RECEIVED → INSPECTED →
 * REFUNDED | EXCHANGED | CLOSED. An approved return whose parcel never arrives, or an inspection
 * that accepts nothing, ends CLOSED.
 */
public enum ReturnStatus {
  REQUESTED,
  APPROVED,
  REJECTED,
  RECEIVED,
  INSPECTED,
  REFUNDED,
  EXCHANGED,
  CLOSED;

  public Set<ReturnStatus> next() {
    return switch (this) {
      case REQUESTED -> EnumSet.of(APPROVED, REJECTED);
      case APPROVED -> EnumSet.of(RECEIVED, CLOSED);
      case RECEIVED -> EnumSet.of(INSPECTED);
      case INSPECTED -> EnumSet.of(REFUNDED, EXCHANGED, CLOSED);
      case REJECTED, REFUNDED, EXCHANGED, CLOSED -> EnumSet.noneOf(ReturnStatus.class);
    };
  }

  public boolean canMoveTo(ReturnStatus target) {
    return next().contains(target);
  }

  /** The parcel reached the warehouse (the return may have moved on since). */
  public boolean wasReceived() {
    return this == RECEIVED || wasInspected();
  }

  /** The parcel was inspected (the return may have been resolved since). */
  public boolean wasInspected() {
    return this == INSPECTED || this == REFUNDED || this == EXCHANGED;
  }

  public boolean isFinal() {
    return next().isEmpty();
  }
}
