package io.orderflow.aftersales.feedback;

import io.orderflow.aftersales.Conflict;
import io.orderflow.aftersales.NotFound;
import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import java.time.Clock;
import java.util.List;

/** Customers rate their orders once, after delivery; ops read the satisfaction report. */
public final class FeedbackBox {

  private final OrderRepository orders;
  private final FeedbackRepository feedback;
  private final Clock clock;

  public FeedbackBox(OrderRepository orders, FeedbackRepository feedback, Clock clock) {
    this.orders = orders;
    this.feedback = feedback;
    this.clock = clock;
  }

  /**
   * @throws NotFound for an unknown order or another customer's
   * @throws Conflict before delivery, or when the order was already rated
   */
  public Feedback give(String customerId, String orderId, int rating, String comment) {
    Order order = orders.find(orderId)
        .filter(o -> o.belongsTo(customerId))
        .orElseThrow(() -> new NotFound("no order " + orderId));
    if (order.status() != OrderStatus.DELIVERED && order.status() != OrderStatus.COMPLETED) {
      throw new Conflict("an order can be rated once it is delivered; this one is " + order.status());
    }
    Feedback given = new Feedback(orderId, customerId, rating, comment,
        List.copyOf(order.quantitiesBySku().keySet()), clock.instant());
    if (!feedback.add(given)) {
      throw new Conflict("order " + orderId + " was already rated");
    }
    return given;
  }

  public SatisfactionReport report() {
    return feedback.tally().report();
  }
}
