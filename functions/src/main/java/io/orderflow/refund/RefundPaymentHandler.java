package io.orderflow.refund;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.order.Money;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The workflow's refund steps (and the returns flow): {@code {"orderId", "requestId", "amount":
 * Money or absent for everything refundable, "reason"}} → {@code {"refunded": Money, "payment"}}.
 */
public final class RefundPaymentHandler implements RequestStreamHandler {

  record Task(String orderId, String requestId, Money amount, String reason) {}

  private final RefundService refunds;

  public RefundPaymentHandler() {
    this(fromEnvironment(Adapters.shared()));
  }

  public RefundPaymentHandler(RefundService refunds) {
    this.refunds = refunds;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Task task = Json.MAPPER.readValue(input, Task.class);
    if (task.orderId() == null || task.requestId() == null) {
      throw new IllegalArgumentException("refund needs an orderId and a requestId");
    }
    Json.MAPPER.writeValue(output, refunds.refund(task.orderId(), task.requestId(), task.amount(), task.reason()));
  }

  private static RefundService fromEnvironment(Adapters adapters) {
    return new RefundService(
        adapters.orders(), adapters.payments(), adapters.idempotency(), adapters.clock());
  }
}
