package io.orderflow.charge;

/**
 * The payment provider could not answer now (timeout, 5xx, processing error). Not a business
 * error: the workflow retries the step with backoff.
 */
public class PaymentGatewayUnavailable extends RuntimeException {
  public PaymentGatewayUnavailable(String message) {
    super(message);
  }
}
