package io.orderflow.charge;

import io.orderflow.order.Money;
import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;

/**
 * The workflow's Capture step, once the carrier has the parcel: {@code {"orderId"}} → {@code
 * {"captured": Money}}. The order's status is not touched (it is IN_TRANSIT by then).
 */
public final class CapturePaymentHandler extends StepHandler<CapturePaymentHandler.Task> {

  record Task(String orderId) {}

  record Result(Money captured) {}

  private final PaymentService payments;

  public CapturePaymentHandler() {
    this(AuthorizePaymentHandler.fromEnvironment(Adapters.shared()));
  }

  public CapturePaymentHandler(PaymentService payments) {
    super(Task.class);
    this.payments = payments;
  }

  @Override
  protected Object run(Task task) {
    require(task.orderId() != null, "capture needs an orderId");
    return new Result(payments.capture(task.orderId()));
  }
}
