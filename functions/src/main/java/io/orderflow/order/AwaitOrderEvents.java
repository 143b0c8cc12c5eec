package io.orderflow.order;

import io.orderflow.order.Order.AwaitedEvent;
import io.orderflow.order.Order.AwaitedEvent.Kind;
import io.orderflow.order.OrderUpdater.Change;
import java.time.Clock;

/**
 * Parks a workflow step's task token on the order until an outside event (ops release, carrier
 * delivery, customer receipt) resumes it. The token is parked only while the order still waits in
 * the expected status (an optimistic-locking write); if the event already happened, the token is
 * resolved here at once. Whoever comes second, the event or the step, resolves the token, so no
 * race between them loses an event.
 */
public final class AwaitOrderEvents {

  /**
   * The error a DELIVERY token fails with after a carrier exception: the name of {@code
   * io.orderflow.track.DeliveryException}, spelled out so the domain does not depend on a step.
   */
  public static final String DELIVERY_EXCEPTION_ERROR = "io.orderflow.track.DeliveryException";

  private final OrderUpdater updater;
  private final WorkflowCallbacks callbacks;
  private final Clock clock;

  public AwaitOrderEvents(OrderRepository orders, WorkflowCallbacks callbacks, Clock clock) {
    this.updater = new OrderUpdater(orders);
    this.callbacks = callbacks;
    this.clock = clock;
  }

  /** What became of the token. */
  public enum Outcome {
    /** Parked on the order: the event will resume it. */
    PARKED,
    /** The event had already happened: resumed now. */
    RESUMED,
    /** The order went another way (cancelled, delivery failed): failed now with that error. */
    FAILED
  }

  /** What a token resolved here resumes its step with. */
  public record Resumed(String orderId, OrderStatus status) {}

  public Outcome await(String orderId, Kind kind, String taskToken) {
    OrderStatus waiting = waitingStatus(kind);
    AwaitedEvent awaited = new AwaitedEvent(kind, taskToken);
    Order order = updater.update(orderId, current ->
        current.status() != waiting || awaited.equals(current.awaiting())
            ? Change.none(current)
            : Change.to(current.awaiting(awaited, clock.instant())));
    return order.status() == waiting ? Outcome.PARKED : resolveNow(order, kind, taskToken);
  }

  private Outcome resolveNow(Order order, Kind kind, String taskToken) {
    OrderStatus status = order.status();
    if (status == OrderStatus.CANCELLED) {
      callbacks.fail(taskToken, OrderCancelled.class.getName(), new OrderCancelled(order.orderId()).getMessage());
      return Outcome.FAILED;
    }
    if (kind == Kind.DELIVERY && status == OrderStatus.DELIVERY_EXCEPTION) {
      callbacks.fail(taskToken, DELIVERY_EXCEPTION_ERROR, String.valueOf(order.statusReason()));
      return Outcome.FAILED;
    }
    if (happened(kind, status)) {
      callbacks.resume(taskToken, new Resumed(order.orderId(), status));
      return Outcome.RESUMED;
    }
    throw new IllegalStateException(
        "order " + order.orderId() + " is " + status + ": the workflow cannot be waiting for " + kind);
  }

  /** The status an order waits in for the event. */
  private static OrderStatus waitingStatus(Kind kind) {
    return switch (kind) {
      case HOLD_RELEASE -> OrderStatus.ON_HOLD;
      case DELIVERY -> OrderStatus.IN_TRANSIT;
      case RECEIPT -> OrderStatus.DELIVERED;
      case PICKUP -> throw new IllegalArgumentException("the dispatch step parks the pickup token itself");
    };
  }

  /** Whether an order in {@code status} has seen the event. */
  private static boolean happened(Kind kind, OrderStatus status) {
    return switch (kind) {
      case HOLD_RELEASE -> status == OrderStatus.PAID;
      case DELIVERY -> status == OrderStatus.DELIVERED || status == OrderStatus.COMPLETED;
      case RECEIPT -> status == OrderStatus.COMPLETED;
      case PICKUP -> false;
    };
  }
}
