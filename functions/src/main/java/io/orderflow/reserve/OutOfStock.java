package io.orderflow.reserve;

import io.orderflow.order.BusinessError;
import io.orderflow.order.StatusReason;
import java.util.List;

/** Some SKUs do not have enough available units; nothing was reserved. */
public class OutOfStock extends BusinessError {

  private final List<String> skus;

  public OutOfStock(List<String> skus) {
    super(StatusReason.OUT_OF_STOCK, "out of stock: " + String.join(", ", skus));
    this.skus = List.copyOf(skus);
  }

  public List<String> skus() {
    return skus;
  }
}
