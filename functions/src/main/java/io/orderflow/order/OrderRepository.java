package io.orderflow.order;

import java.util.List;
import java.util.Optional;

/** Port: where orders, their timelines and their ledgers live. */
public interface OrderRepository {

  /**
   * Stores a new order with its first timeline events and the messages its creation sends (in its
   * outbox, as {@link #update} does). Returns false, storing nothing, if an order with that id
   * exists.
   */
  boolean create(Order order, List<TimelineEvent> events, List<Outgoing> outgoing);

  /** {@link #create(Order, List, List)} of an order whose creation sends nothing. */
  default boolean create(Order order, List<TimelineEvent> events) {
    return create(order, events, List.of());
  }

  Optional<Order> find(String orderId);

  /**
   * Stores {@code updated} if the stored order still has {@code updated.version() - 1}, together
   * with the new timeline events, the ledger entries {@code updated} added and the messages the
   * change sends (in the order's outbox, relayed to their queues afterwards), all or nothing.
   *
   * @throws ConcurrentModification if another writer got there first
   */
  void update(Order updated, List<TimelineEvent> events, List<Outgoing> outgoing);

  /** {@link #update(Order, List, List)} of a change that sends nothing. */
  default void update(Order updated, List<TimelineEvent> events) {
    update(updated, events, List.of());
  }

  /** The order's timeline, oldest first. */
  List<TimelineEvent> timeline(String orderId);

  /** A customer's orders, newest first. */
  Page<Order> findByCustomer(String customerId, int limit, String cursor);

  /** Orders in a status, oldest update first (ops queues, sweepers). */
  Page<Order> findByStatus(OrderStatus status, int limit, String cursor);

  Optional<Order> findByTrackingNumber(String trackingNumber);

  /** One page of results and the opaque cursor of the next, or null at the end. */
  record Page<T>(List<T> items, String nextCursor) {}

  /** Thrown when an optimistic-locking write lost the race. */
  class ConcurrentModification extends RuntimeException {
    public ConcurrentModification(String orderId) {
      super("order " + orderId + " was changed concurrently");
    }
  }
}
