package io.orderflow.validate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The workflow's Validate step: {@code {"orderId"}} → {@code {"orderId", "status": "VALIDATED",
 * "eta"}}, or the error {@code io.orderflow.order.InvalidOrder} after recording REJECTED.
 */
public final class ValidateOrderHandler implements RequestStreamHandler {

  record Task(String orderId) {}

  private final OrderValidation validation;

  public ValidateOrderHandler() {
    this(fromEnvironment(Adapters.shared()));
  }

  public ValidateOrderHandler(OrderValidation validation) {
    this.validation = validation;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Task task = Json.MAPPER.readValue(input, Task.class);
    if (task.orderId() == null) {
      throw new IllegalArgumentException("validate needs an orderId");
    }
    Json.MAPPER.writeValue(output, validation.validate(task.orderId()));
  }

  private static OrderValidation fromEnvironment(Adapters adapters) {
    return new OrderValidation(adapters.orders(), adapters.catalog(), adapters.clock());
  }
}
