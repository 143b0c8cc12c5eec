package io.orderflow.refund;

import io.orderflow.order.Money;
import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;

/**
 * The workflow's refund steps (and the returns flow): {@code {"orderId", "requestId", "amount":
 * Money or absent for everything refundable, "reason"}} → {@code {"refunded": Money, "payment"}}.
 */
public final class RefundPaymentHandler extends StepHandler<RefundPaymentHandler.Task> {

  record Task(String orderId, String requestId, Money amount, String reason) {}

  private final RefundService refunds;

  public RefundPaymentHandler() {
    this(fromEnvironment(Adapters.shared()));
  }

  public RefundPaymentHandler(RefundService refunds) {
    super(Task.class);
    this.refunds = refunds;
  }

  @Override
  protected Object run(Task task) {
    require(task.orderId() != null && task.requestId() != null, "refund needs an orderId and a requestId");
    return refunds.refund(task.orderId(), task.requestId(), task.amount(), task.reason());
  }

  private static RefundService fromEnvironment(Adapters adapters) {
    return new RefundService(
        adapters.orders(), adapters.payments(), adapters.idempotency(), adapters.clock(),
        adapters.paymentLease());
  }
}
