package io.orderflow.dispatch;

import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;

/**
 * The workflow's Dispatch step ({@code lambda:invoke.waitForTaskToken}): {@code {"orderId",
 * "taskToken"}} → {@code {"trackingNumber"}}. The step itself completes when the carrier webhook
 * reports the pickup and resumes the token.
 */
public final class DispatchOrderHandler extends StepHandler<DispatchOrderHandler.Task> {

  /** The carrier this deployment ships with; the local stack's simulated one by default. */
  private static final String DEFAULT_CARRIER = "simcarrier";

  record Task(String orderId, String taskToken) {}

  record Result(String trackingNumber) {}

  private final DispatchService dispatch;

  public DispatchOrderHandler() {
    this(fromEnvironment(Adapters.shared()));
  }

  public DispatchOrderHandler(DispatchService dispatch) {
    super(Task.class);
    this.dispatch = dispatch;
  }

  @Override
  protected Object run(Task task) {
    require(task.orderId() != null && task.taskToken() != null, "dispatch needs orderId and taskToken");
    return new Result(dispatch.dispatch(task.orderId(), task.taskToken()));
  }

  private static DispatchService fromEnvironment(Adapters adapters) {
    String carrier = System.getenv().getOrDefault("CARRIER_NAME", DEFAULT_CARRIER);
    return new DispatchService(
        adapters.orders(), adapters.catalog(), adapters.queues(), adapters.callbacks(), adapters.clock(), carrier);
  }
}
