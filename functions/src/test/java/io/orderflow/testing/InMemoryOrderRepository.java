package io.orderflow.testing;

import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Outgoing;
import io.orderflow.order.QueuePublisher;
import io.orderflow.order.TimelineEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Orders in memory, with the same optimistic-locking contract as the DynamoDB repository. What a
 * change sends goes to {@code relay} as soon as the change is stored, as if the outbox relay were
 * instant.
 */
public final class InMemoryOrderRepository implements OrderRepository {

  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final Map<String, List<TimelineEvent>> timelines = new ConcurrentHashMap<>();
  private final QueuePublisher relay;

  public InMemoryOrderRepository(QueuePublisher relay) {
    this.relay = relay;
  }

  /** For tests whose changes send nothing: sending anything fails them. */
  public InMemoryOrderRepository() {
    this((queue, message) -> {
      throw new AssertionError("no relay for " + queue + ": " + message);
    });
  }

  @Override
  public synchronized boolean create(Order order, List<TimelineEvent> events, List<Outgoing> outgoing) {
    if (orders.containsKey(order.orderId())) {
      return false;
    }
    orders.put(order.orderId(), order);
    timelines.put(order.orderId(), new ArrayList<>(events));
    outgoing.forEach(message -> relay.publish(message.queue(), message.message()));
    return true;
  }

  @Override
  public Optional<Order> find(String orderId) {
    return Optional.ofNullable(orders.get(orderId));
  }

  @Override
  public synchronized void update(Order updated, List<TimelineEvent> events, List<Outgoing> outgoing) {
    Order stored = orders.get(updated.orderId());
    if (stored == null || stored.version() != updated.version() - 1) {
      throw new ConcurrentModification(updated.orderId());
    }
    orders.put(updated.orderId(), updated);
    timelines.get(updated.orderId()).addAll(events);
    outgoing.forEach(message -> relay.publish(message.queue(), message.message()));
  }

  @Override
  public synchronized List<TimelineEvent> timeline(String orderId) {
    return List.copyOf(timelines.getOrDefault(orderId, List.of()));
  }

  @Override
  public Page<Order> findByCustomer(String customerId, int limit, String cursor) {
    List<Order> mine = orders.values().stream()
        .filter(o -> o.customerId().equals(customerId))
        .sorted(Comparator.comparing(Order::createdAt).reversed().thenComparing(Order::orderId))
        .toList();
    return page(mine, limit, cursor);
  }

  @Override
  public Page<Order> findByStatus(OrderStatus status, int limit, String cursor) {
    List<Order> matching = orders.values().stream()
        .filter(o -> o.status() == status)
        .sorted(Comparator.comparing(Order::updatedAt).thenComparing(Order::orderId))
        .toList();
    return page(matching, limit, cursor);
  }

  @Override
  public Optional<Order> findByTrackingNumber(String trackingNumber) {
    return orders.values().stream()
        .filter(o -> o.shipment() != null && trackingNumber.equals(o.shipment().trackingNumber()))
        .findFirst();
  }

  private static Page<Order> page(List<Order> all, int limit, String cursor) {
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    int to = Math.min(all.size(), from + limit);
    return new Page<>(all.subList(from, to), to < all.size() ? String.valueOf(to) : null);
  }
}
