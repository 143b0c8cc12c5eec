package io.orderflow.order;

/** The order was cancelled (by the customer) while the workflow was running: compensate and stop. */
public class OrderCancelled extends BusinessError {
  public OrderCancelled(String orderId) {
    super(StatusReason.CUSTOMER_CANCELLED, "order " + orderId + " was cancelled");
  }
}
