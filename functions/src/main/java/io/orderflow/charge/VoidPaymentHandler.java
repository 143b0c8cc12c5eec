package io.orderflow.charge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The workflow's VoidPayment compensation: {@code {"orderId"}} → {@code {"voided": true|false}}
 * (false: nothing was authorized, or it was captured). Never fails for business reasons.
 */
public final class VoidPaymentHandler implements RequestStreamHandler {

  record Task(String orderId) {}

  record Result(boolean voided) {}

  private final PaymentService payments;

  public VoidPaymentHandler() {
    this(AuthorizePaymentHandler.fromEnvironment(Adapters.shared()));
  }

  public VoidPaymentHandler(PaymentService payments) {
    this.payments = payments;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Task task = Json.MAPPER.readValue(input, Task.class);
    if (task.orderId() == null) {
      throw new IllegalArgumentException("void needs an orderId");
    }
    Json.MAPPER.writeValue(output, new Result(payments.voidAuthorization(task.orderId())));
  }
}
