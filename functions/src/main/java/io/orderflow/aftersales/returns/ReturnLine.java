package io.orderflow.aftersales.returns;

import java.util.Objects;

/** Units of one SKU the customer sends back. */
public record ReturnLine(String sku, int quantity) {

  public ReturnLine {
    Objects.requireNonNull(sku, "sku");
    if (quantity < 1) {
      throw new IllegalArgumentException("a return line has at least one unit");
    }
  }
}
