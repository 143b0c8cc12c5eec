package io.orderflow.order;

/** The order cannot be fulfilled as placed (unknown SKU, undeliverable address, …): REJECTED. */
public class InvalidOrder extends BusinessError {
  public InvalidOrder(StatusReason reason, String message) {
    super(reason, message);
  }
}
