package io.orderflow.order;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The workflow's closing steps: {@code {"orderId", "status": "COMPLETED"|"CANCELLED", "reason"}}
 * → {@code {"orderId", "status", "statusReason"}}. Without a reason the order keeps its current
 * one (a delivery exception's code, say).
 */
public final class CloseOrderHandler implements RequestStreamHandler {

  record Task(String orderId, OrderStatus status, StatusReason reason) {}

  record Result(String orderId, OrderStatus status, StatusReason statusReason) {}

  private final OrderClosing closing;

  public CloseOrderHandler() {
    this(fromAdapters(Adapters.shared()));
  }

  public CloseOrderHandler(OrderClosing closing) {
    this.closing = closing;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Task task = Json.MAPPER.readValue(input, Task.class);
    if (task.orderId() == null || task.status() == null) {
      throw new IllegalArgumentException("close needs orderId and status");
    }
    Order closed = closing.close(task.orderId(), task.status(), task.reason());
    Json.MAPPER.writeValue(output, new Result(closed.orderId(), closed.status(), closed.statusReason()));
  }

  private static OrderClosing fromAdapters(Adapters adapters) {
    return new OrderClosing(adapters.orders(), adapters.clock());
  }
}
