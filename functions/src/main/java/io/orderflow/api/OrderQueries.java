package io.orderflow.api;

import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderRepository.Page;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.TimelineEvent;
import java.util.List;

/** What customers and ops read: one order, its timeline, and lists by customer or status. */
final class OrderQueries {

  private final OrderRepository orders;

  OrderQueries(OrderRepository orders) {
    this.orders = orders;
  }

  /**
   * The customer's order. Another customer's order is "not found", exactly like a missing one, so
   * order ids cannot be probed.
   */
  Order owned(String customerId, String orderId) {
    return orders.find(orderId)
        .filter(order -> order.belongsTo(customerId))
        .orElseThrow(() -> new OrderNotFound(orderId));
  }

  List<TimelineEvent> timeline(String customerId, String orderId) {
    return orders.timeline(owned(customerId, orderId).orderId());
  }

  Page<Order> ofCustomer(String customerId, PageRequest page) {
    return page.fetch("customer:" + customerId, after -> orders.findByCustomer(customerId, page.limit(), after));
  }

  Page<Order> inStatus(OrderStatus status, PageRequest page) {
    return page.fetch("status:" + status, after -> orders.findByStatus(status, page.limit(), after));
  }
}
