package io.orderflow.charge;

import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;

/**
 * The workflow's VoidPayment compensation: {@code {"orderId"}} → {@code {"voided": true|false}}
 * (false: nothing was authorized, or it was captured). Never fails for business reasons.
 */
public final class VoidPaymentHandler extends StepHandler<VoidPaymentHandler.Task> {

  record Task(String orderId) {}

  record Result(boolean voided) {}

  private final PaymentService payments;

  public VoidPaymentHandler() {
    this(AuthorizePaymentHandler.fromEnvironment(Adapters.shared()));
  }

  public VoidPaymentHandler(PaymentService payments) {
    super(Task.class);
    this.payments = payments;
  }

  @Override
  protected Object run(Task task) {
    require(task.orderId() != null, "void needs an orderId");
    return new Result(payments.voidAuthorization(task.orderId()));
  }
}
