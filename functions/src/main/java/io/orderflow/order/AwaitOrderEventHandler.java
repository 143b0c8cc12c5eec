package io.orderflow.order;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.order.AwaitOrderEvents.Outcome;
import io.orderflow.order.Order.AwaitedEvent.Kind;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The workflow's waiting steps ({@code lambda:invoke.waitForTaskToken}): {@code {"orderId",
 * "taskToken", "event": "HOLD_RELEASE"|"DELIVERY"|"RECEIPT"}} → {@code {"orderId", "event",
 * "outcome"}}. The step completes when the event resumes the token, which may be at once.
 */
public final class AwaitOrderEventHandler implements RequestStreamHandler {

  record Task(String orderId, String taskToken, Kind event) {}

  record Result(String orderId, Kind event, Outcome outcome) {}

  private final AwaitOrderEvents events;

  public AwaitOrderEventHandler() {
    this(fromAdapters(Adapters.shared()));
  }

  public AwaitOrderEventHandler(AwaitOrderEvents events) {
    this.events = events;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Task task = Json.MAPPER.readValue(input, Task.class);
    if (task.orderId() == null || task.taskToken() == null || task.event() == null) {
      throw new IllegalArgumentException("await needs orderId, taskToken and event");
    }
    Outcome outcome = events.await(task.orderId(), task.event(), task.taskToken());
    Json.MAPPER.writeValue(output, new Result(task.orderId(), task.event(), outcome));
  }

  private static AwaitOrderEvents fromAdapters(Adapters adapters) {
    return new AwaitOrderEvents(adapters.orders(), adapters.callbacks(), adapters.clock());
  }
}
