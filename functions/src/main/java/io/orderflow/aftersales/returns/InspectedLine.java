package io.orderflow.aftersales.returns;

import java.util.Objects;

/** What the warehouse found in the parcel for one SKU. */
public record InspectedLine(String sku, int quantity, Condition condition) {

  public enum Condition {
    /** Back on the shelf: the units return to stock. */
    RESELLABLE,
    DAMAGED
  }

  public InspectedLine {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(condition, "condition");
    if (quantity < 1) {
      throw new IllegalArgumentException("an inspected line has at least one unit");
    }
  }
}
