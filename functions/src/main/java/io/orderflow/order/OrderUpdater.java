package io.orderflow.order;

import io.orderflow.order.OrderRepository.ConcurrentModification;
import io.orderflow.platform.Queue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Read-change-write of one order under optimistic locking: re-reads and re-applies the change when
 * another writer got there first. Every status change in orderflow goes through here, so no
 * writer ever overwrites another's work, and what a change sends is stored with it (see {@link
 * Outgoing}): a retried step never has to wonder whether its message went out.
 */
public final class OrderUpdater {

  private static final int ATTEMPTS = 8;

  private final OrderRepository orders;

  public OrderUpdater(OrderRepository orders) {
    this.orders = orders;
  }

  /**
   * The result of a change: the new order, its timeline events and the messages it sends (the
   * customer's notification, a ticket), or no change at all.
   */
  public record Change(Order order, List<TimelineEvent> events, boolean changed, List<Outgoing> outgoing) {

    public Change {
      events = List.copyOf(events);
      outgoing = List.copyOf(outgoing);
    }

    public Change(Order order, List<TimelineEvent> events, boolean changed) {
      this(order, events, changed, List.of());
    }

    public static Change to(Order order, TimelineEvent... events) {
      return new Change(order, List.of(events), true);
    }

    public static Change none(Order current) {
      return new Change(current, List.of(), false);
    }

    /** The same change, also sending {@code message} to {@code queue} once it is stored. */
    public Change sending(Queue queue, Object message) {
      if (!changed) {
        throw new IllegalStateException("no change to send with");
      }
      List<Outgoing> more = new ArrayList<>(outgoing);
      more.add(new Outgoing(queue, message));
      return new Change(order, events, true, more);
    }

    /** The same change, also notifying the customer. */
    public Change notifying(Notification notification) {
      return sending(Queue.NOTIFICATIONS, notification);
    }
  }

  /**
   * Applies {@code change} to the current order and stores the result; returns the stored (or
   * unchanged) order. The change function may run several times and must not have side effects.
   *
   * @throws OrderNotFound if there is no such order
   */
  public Order update(String orderId, Function<Order, Change> change) {
    return apply(orderId, change).order();
  }

  /**
   * Like {@link #update}, but returns the change that was finally applied, so a caller can tell
   * whether its own write made the change (and only then send what follows from it, such as a
   * customer notification) or found the order already changed by someone else.
   */
  public Change apply(String orderId, Function<Order, Change> change) {
    for (int attempt = 1; ; attempt++) {
      Order current = orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
      Change result = change.apply(current);
      if (!result.changed()) {
        return result;
      }
      try {
        orders.update(result.order(), result.events(), result.outgoing());
        return result;
      } catch (ConcurrentModification e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** No order with that id. */
  public static class OrderNotFound extends RuntimeException {
    public OrderNotFound(String orderId) {
      super("no order " + orderId);
    }
  }
}
