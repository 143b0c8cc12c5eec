package io.orderflow.order;

import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;
import java.util.List;

/**
 * The workflow's closing steps: {@code {"orderId", "status": "COMPLETED"|"CANCELLED", "reason"}}
 * → {@code {"orderId", "status", "statusReason"}}. Without a reason the order keeps its current
 * one (a delivery exception's code, say). With {@code "status": "NEEDS_ATTENTION"} it parks the
 * order for a person instead, naming what is left undone ({@code "pending"}) and the {@code "error"}.
 */
public final class CloseOrderHandler extends StepHandler<CloseOrderHandler.Task> {

  record Task(String orderId, OrderStatus status, StatusReason reason, List<String> pending, String error) {}

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
    Order closed = task.status() == OrderStatus.NEEDS_ATTENTION
        ? closing.park(task.orderId(), task.reason() == null ? StatusReason.INTERNAL_ERROR : task.reason(),
            task.pending(), task.error())
        : closing.close(task.orderId(), task.status(), task.reason());
    return new Result(closed.orderId(), closed.status(), closed.statusReason());
  }

  private static OrderClosing fromAdapters(Adapters adapters) {
    return new OrderClosing(adapters.orders(), adapters.clock());
  }
}
