package io.orderflow.order;

/** A status change the status machine does not allow. */
public class IllegalTransition extends RuntimeException {

  private final OrderStatus from;
  private final OrderStatus to;

  public IllegalTransition(String orderId, OrderStatus from, OrderStatus to) {
    super("order " + orderId + " cannot move from " + from + " to " + to);
    this.from = from;
    this.to = to;
  }

  public OrderStatus from() {
    return from;
  }

  public OrderStatus to() {
    return to;
  }
}
