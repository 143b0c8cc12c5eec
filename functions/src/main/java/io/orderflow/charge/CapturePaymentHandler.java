package io.orderflow.charge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.order.Money;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The workflow's Capture step, once the carrier has the parcel: {@code {"orderId"}} → {@code
 * {"captured": Money}}. The order's status is not touched (it is IN_TRANSIT by then).
 */
public final class CapturePaymentHandler implements RequestStreamHandler {

  record Task(String orderId) {}

  record Result(Money captured) {}

  private final PaymentService payments;

  public CapturePaymentHandler() {
    this(AuthorizePaymentHandler.fromEnvironment(Adapters.shared()));
  }

  public CapturePaymentHandler(PaymentService payments) {
    this.payments = payments;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Task task = Json.MAPPER.readValue(input, Task.class);
    if (task.orderId() == null) {
      throw new IllegalArgumentException("capture needs an orderId");
    }
    Json.MAPPER.writeValue(output, new Result(payments.capture(task.orderId())));
  }
}
