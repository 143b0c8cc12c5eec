package io.orderflow.dispatch;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The workflow's Dispatch step ({@code lambda:invoke.waitForTaskToken}): {@code {"orderId",
 * "taskToken"}} → {@code {"trackingNumber"}}. The step itself completes when the carrier webhook
 * reports the pickup and resumes the token.
 */
public final class DispatchOrderHandler implements RequestStreamHandler {

  /** The carrier this deployment ships with; the local stack's simulated one by default. */
  private static final String DEFAULT_CARRIER = "simcarrier";

  record Task(String orderId, String taskToken) {}

  record Result(String trackingNumber) {}

  private final DispatchService dispatch;

  public DispatchOrderHandler() {
    this(fromEnvironment(Adapters.shared()));
  }

  public DispatchOrderHandler(DispatchService dispatch) {
    this.dispatch = dispatch;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Task task = Json.MAPPER.readValue(input, Task.class);
    if (task.orderId() == null || task.taskToken() == null) {
      throw new IllegalArgumentException("dispatch needs orderId and taskToken");
    }
    Json.MAPPER.writeValue(output, new Result(dispatch.dispatch(task.orderId(), task.taskToken())));
  }

  private static DispatchService fromEnvironment(Adapters adapters) {
    String carrier = System.getenv().getOrDefault("CARRIER_NAME", DEFAULT_CARRIER);
    return new DispatchService(
        adapters.orders(), adapters.catalog(), adapters.queues(), adapters.callbacks(), adapters.clock(), carrier);
  }
}
