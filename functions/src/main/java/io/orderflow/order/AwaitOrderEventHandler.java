package io.orderflow.order;

import io.orderflow.order.AwaitOrderEvents.Outcome;
import io.orderflow.order.Order.AwaitedEvent.Kind;
import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;

/**
 * The workflow's waiting steps ({@code lambda:invoke.waitForTaskToken}): {@code {"orderId",
 * "taskToken", "event": "HOLD_RELEASE"|"DELIVERY"|"RECEIPT"}} → {@code {"orderId", "event",
 * "outcome"}}. The step completes when the event resumes the token, which may be at once.
 */
public final class AwaitOrderEventHandler extends StepHandler<AwaitOrderEventHandler.Task> {

  record Task(String orderId, String taskToken, Kind event) {}

  record Result(String orderId, Kind event, Outcome outcome) {}

  private final AwaitOrderEvents events;

  public AwaitOrderEventHandler() {
    this(fromAdapters(Adapters.shared()));
  }

  public AwaitOrderEventHandler(AwaitOrderEvents events) {
    super(Task.class);
    this.events = events;
  }

  @Override
  protected Object run(Task task) {
    require(task.orderId() != null && task.taskToken() != null && task.event() != null,
        "await needs orderId, taskToken and event");
    Outcome outcome = events.await(task.orderId(), task.event(), task.taskToken());
    return new Result(task.orderId(), task.event(), outcome);
  }

  private static AwaitOrderEvents fromAdapters(Adapters adapters) {
    return new AwaitOrderEvents(adapters.orders(), adapters.callbacks(), adapters.clock());
  }
}
