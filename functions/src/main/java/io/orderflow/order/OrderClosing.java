package io.orderflow.order;

import io.orderflow.order.OrderUpdater.Change;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ends an order: COMPLETED or CANCELLED, along transitions the status machine allows, with the
 * timeline event and the customer notification. Closing an order that is already there is a
 * no-op, so the workflow may retry it.
 */
public final class OrderClosing {

  /** The timeline event of an order a person has to finish. */
  public static final String NEEDS_ATTENTION_EVENT = "NEEDS_ATTENTION";

  private final OrderRepository orders;
  private final OrderUpdater updater;
  private final Clock clock;

  public OrderClosing(OrderRepository orders, Clock clock) {
    this.orders = orders;
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

  /**
   * A failure the workflow could not compensate by itself: the order moves to NEEDS_ATTENTION with
   * {@code reason}, and a NEEDS_ATTENTION timeline event names what is left undone ({@code
   * pending}: void, release, refund, capture, close...) and the error, for ops and the sweeper. An
   * order that already ended (a customer's cancel, say) keeps its status; the event is recorded all
   * the same. Parking again changes nothing.
   *
   * @return the order afterwards
   */
  public Order park(String orderId, StatusReason reason, List<String> pending, String error) {
    Instant now = clock.instant();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("reason", reason.name());
    detail.put("pending", pending == null ? List.of() : List.copyOf(pending));
    if (error != null) {
      detail.put("error", error);
    }
    return updater.update(orderId, current -> {
      boolean recorded = orders.timeline(orderId).stream()
          .anyMatch(event -> event.type().equals(NEEDS_ATTENTION_EVENT) && detail.equals(event.detail()));
      if (current.status() == OrderStatus.NEEDS_ATTENTION || (current.status().isFinal() && recorded)) {
        return Change.none(current);
      }
      if (current.status().isFinal()) {
        return Change.to(current.inOneVersion(o -> o), new TimelineEvent(now, NEEDS_ATTENTION_EVENT, current.status(), detail));
      }
      return Change.to(current.moveTo(OrderStatus.NEEDS_ATTENTION, reason, now),
          new TimelineEvent(now, NEEDS_ATTENTION_EVENT, OrderStatus.NEEDS_ATTENTION, detail));
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
