package io.orderflow.aftersales.returns;

import io.orderflow.order.Notification;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.TimelineEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Puts every step of a return on its order's timeline and tells the customer, exactly once per
 * return and event type: a retried step finds its event already there and sends nothing again.
 */
public final class ReturnJournal {

  private final OrderRepository orders;
  private final OrderUpdater updater;
  private final Clock clock;

  public ReturnJournal(OrderRepository orders, Clock clock) {
    this.orders = orders;
    this.updater = new OrderUpdater(orders);
    this.clock = clock;
  }

  /** Records {@code type} (e.g. RETURN_APPROVED) for {@code returned}; returns false if already there. */
  public boolean record(ProductReturn returned, String type, Map<String, Object> detail) {
    Map<String, Object> full = new LinkedHashMap<>();
    full.put("returnId", returned.returnId());
    full.putAll(detail);
    return updater.apply(returned.orderId(), order -> {
      if (alreadyRecorded(returned, type)) {
        return Change.none(order);
      }
      // The order itself does not change: a new version carries the timeline event.
      return Change.to(
              order.inOneVersion(UnaryOperator.identity()), new TimelineEvent(clock.instant(), type, order.status(), full))
          .notifying(new Notification(returned.orderId(), returned.customerId(), type, full));
    }).changed();
  }

  public boolean record(ProductReturn returned, String type) {
    return record(returned, type, Map.of());
  }

  private boolean alreadyRecorded(ProductReturn returned, String type) {
    return orders.timeline(returned.orderId()).stream()
        .anyMatch(e -> e.type().equals(type) && returned.returnId().equals(e.detail().get("returnId")));
  }
}
