package io.orderflow.charge;

import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;

/**
 * The workflow's Charge step: {@code {"orderId", "attempt"}} (attempt = {@code
 * $$.State.RetryCount}) → {@code {"status": "PAID", "authorizationId"}}, or the errors {@code
 * PaymentDeclined}, {@code PaymentHeld} (both recorded on the order first) and {@code
 * PaymentGatewayUnavailable} (retried by the workflow).
 */
public final class AuthorizePaymentHandler extends StepHandler<AuthorizePaymentHandler.Task> {

  record Task(String orderId, int attempt) {}

  private final PaymentService payments;

  public AuthorizePaymentHandler() {
    this(fromEnvironment(Adapters.shared()));
  }

  public AuthorizePaymentHandler(PaymentService payments) {
    super(Task.class);
    this.payments = payments;
  }

  @Override
  protected Object run(Task task) {
    require(task.orderId() != null, "charge needs an orderId");
    return payments.authorize(task.orderId(), task.attempt());
  }

  /** The wiring every payment step shares. */
  static PaymentService fromEnvironment(Adapters adapters) {
    return new PaymentService(
        adapters.orders(), adapters.payments(), adapters.idempotency(), adapters.clock(),
        adapters.paymentLease());
  }
}
