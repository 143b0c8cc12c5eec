package io.orderflow.order;

import io.orderflow.order.OrderUpdater.Change;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ends an order: COMPLETED or CANCELLED, along transitions the status machine allows, with the
 * timeline event and the customer notification. Closing an order that is already there is a
 * no-op, so the workflow may retry it.
 */
public final class OrderClosing {

  private final OrderUpdater updater;
  private final Clock clock;

  public OrderClosing(OrderRepository orders, Clock clock) {
    this.updater = new OrderUpdater(orders);
    this.clock = clock;
  }

  /**
   * Moves the order to {@code target}, COMPLETED or CANCELLED.
   *
   * @param reason the status reason, or null to keep the order's current one
   * @return the closed order
   * @throws OrderCancelled when completing an order the customer cancelled
   * @throws IllegalTransition when no allowed path leads from the order's status to {@code target}
   */
  public Order close(String orderId, OrderStatus target, StatusReason reason) {
    if (target != OrderStatus.COMPLETED && target != OrderStatus.CANCELLED) {
      throw new IllegalArgumentException("an order closes as COMPLETED or CANCELLED, not " + target);
    }
    Instant now = clock.instant();
    return updater.update(orderId, current -> {
      Change change = closeChange(current, target, reason, now);
      if (!change.changed()) {
        return change;
      }
      Order closed = change.order();
      Map<String, Object> data = closed.statusReason() == null ? Map.of() : Map.of("reason", closed.statusReason().name());
      return change.notifying(new Notification(orderId, closed.customerId(), eventType(target), data));
    });
  }

  private static Change closeChange(Order current, OrderStatus target, StatusReason reason, Instant now) {
    if (current.status() == target) {
      return Change.none(current);
    }
    if (current.status() == OrderStatus.CANCELLED) {
      throw new OrderCancelled(current.orderId());
    }
    StatusReason closingReason = reason == null ? current.statusReason() : reason;
    Map<String, Object> detail = closingReason == null ? Map.of() : Map.of("reason", closingReason.name());
    List<OrderStatus> path = path(current, target);
    List<TimelineEvent> events = new ArrayList<>();
    for (OrderStatus step : path) {
      String type = step == target ? eventType(target) : step.name();
      events.add(new TimelineEvent(now, type, step, detail));
    }
    Order closed = current.inOneVersion(order -> {
      Order moved = order;
      for (OrderStatus step : path) {
        moved = moved.moveTo(step, closingReason, now);
      }
      return moved;
    });
    return new Change(closed, events, true);
  }

  /**
   * The statuses from the order's to {@code target}. A parcel still in transit is cancelled
   * through DELIVERY_EXCEPTION (the carrier never delivered it in time), so its timeline says why.
   */
  private static List<OrderStatus> path(Order order, OrderStatus target) {
    if (order.status().canMoveTo(target)) {
      return List.of(target);
    }
    if (order.status() == OrderStatus.IN_TRANSIT && target == OrderStatus.CANCELLED) {
      return List.of(OrderStatus.DELIVERY_EXCEPTION, OrderStatus.CANCELLED);
    }
    throw new IllegalTransition(order.orderId(), order.status(), target);
  }

  private static String eventType(OrderStatus target) {
    return target == OrderStatus.COMPLETED ? "ORDER_COMPLETED" : "ORDER_CANCELLED";
  }
}
