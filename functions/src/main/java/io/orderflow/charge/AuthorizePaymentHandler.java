package io.orderflow.charge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The workflow's Charge step: {@code {"orderId", "attempt"}} (attempt = {@code
 * $$.State.RetryCount}) → {@code {"status": "PAID", "authorizationId"}}, or the errors {@code
 * PaymentDeclined}, {@code PaymentHeld} (both recorded on the order first) and {@code
 * PaymentGatewayUnavailable} (retried by the workflow).
 */
public final class AuthorizePaymentHandler implements RequestStreamHandler {

  record Task(String orderId, int attempt) {}

  private final PaymentService payments;

  public AuthorizePaymentHandler() {
    this(fromEnvironment(Adapters.shared()));
  }

  public AuthorizePaymentHandler(PaymentService payments) {
    this.payments = payments;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Task task = Json.MAPPER.readValue(input, Task.class);
    if (task.orderId() == null) {
      throw new IllegalArgumentException("charge needs an orderId");
    }
    Json.MAPPER.writeValue(output, payments.authorize(task.orderId(), task.attempt()));
  }

  /** The wiring every payment step shares. */
  static PaymentService fromEnvironment(Adapters adapters) {
    return new PaymentService(
        adapters.orders(), adapters.payments(), adapters.idempotency(), adapters.clock());
  }
}
