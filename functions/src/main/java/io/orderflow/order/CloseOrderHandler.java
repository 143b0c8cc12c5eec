package io.orderflow.order;

import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;

/**
 * The workflow's closing steps: {@code {"orderId", "status": "COMPLETED"|"CANCELLED", "reason"}}
 * → {@code {"orderId", "status", "statusReason"}}. Without a reason the order keeps its current
 * one (a delivery exception's code, say).
 */
public final class CloseOrderHandler extends StepHandler<CloseOrderHandler.Task> {

  record Task(String orderId, OrderStatus status, StatusReason reason) {}

  record Result(String orderId, OrderStatus status, StatusReason statusReason) {}

  private final OrderClosing closing;

  public CloseOrderHandler() {
    this(fromAdapters(Adapters.shared()));
  }

  public CloseOrderHandler(OrderClosing closing) {
    super(Task.class);
    this.closing = closing;
  }

  @Override
  protected Object run(Task task) {
    require(task.orderId() != null && task.status() != null, "close needs orderId and status");
    Order closed = closing.close(task.orderId(), task.status(), task.reason());
    return new Result(closed.orderId(), closed.status(), closed.statusReason());
  }

  private static OrderClosing fromAdapters(Adapters adapters) {
    return new OrderClosing(adapters.orders(), adapters.clock());
  }
}
