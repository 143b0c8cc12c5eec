package io.orderflow.reserve;

import io.orderflow.order.BusinessError;
import io.orderflow.order.StatusReason;
import java.util.List;

/**
 * Reserving would have the customer hold more units of some SKUs than {@link HoldLimit} allows
 * (units reserved by their open orders); nothing was reserved. Stock is there, so unlike {@link
 * OutOfStock} it asks for no restock.
 */
public final class HoldLimitReached extends BusinessError {

  private final List<String> skus;

  public HoldLimitReached(List<String> skus) {
    super(StatusReason.HOLD_LIMIT, "hold limit reached for: " + String.join(", ", skus));
    this.skus = List.copyOf(skus);
  }

  public List<String> skus() {
    return skus;
  }
}
