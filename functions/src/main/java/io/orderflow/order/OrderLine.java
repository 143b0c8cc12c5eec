package io.orderflow.order;

import java.util.Objects;

/**
 * A line of an order. The unit price comes from the catalog when the order is placed, never from
 * the client; it is null only for a SKU the catalog does not know (the validate step rejects it).
 */
public record OrderLine(String sku, int quantity, Money unitPrice) {

  public static final int MAX_QUANTITY = 999;

  public OrderLine {
    Objects.requireNonNull(sku, "sku");
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw new IllegalArgumentException("quantity must be between 1 and " + MAX_QUANTITY);
    }
  }

  public Money lineTotal() {
    return unitPrice.times(quantity);
  }
}
