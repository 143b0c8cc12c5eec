package io.orderflow.api;

import io.orderflow.idempotency.Idempotency;
import io.orderflow.intake.IntakeMessage;
import io.orderflow.order.Catalog;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Outgoing;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import io.orderflow.reserve.HoldLimit;
import io.orderflow.reserve.HoldLimitReached;
import io.orderflow.reserve.Inventory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Places an order once per idempotency key: prices it from the catalog, stores it PENDING with its
 * ORDER_PLACED event and hands its id to the intake queue, which starts the workflow at a pace
 * Step Functions accepts.
 */
final class PlaceOrder {

  /** The 202 answer; stored by {@link Idempotency} and replayed for a retry. */
  record Placed(String orderId, OrderStatus status, Money total) {}

  private final OrderRepository orders;
  private final Catalog catalog;
  private final Idempotency idempotency;
  private final Clock clock;
  private final Inventory inventory;
  private final HoldLimit holdLimit;

  PlaceOrder(
      OrderRepository orders, Catalog catalog, Idempotency idempotency, Clock clock, Inventory inventory,
      HoldLimit holdLimit) {
    this.orders = orders;
    this.catalog = catalog;
    this.idempotency = idempotency;
    this.clock = clock;
    this.inventory = inventory;
    this.holdLimit = holdLimit;
  }

  /**
   * @throws HoldLimitReached if the customer already holds so many units of a SKU that this order
   *     would go over {@link HoldLimit}; nothing is stored
   * @throws Idempotency.KeyReused if the customer used {@code idempotencyKey} for another order
   * @throws Idempotency.InProgress if the first request with that key is still running after {@link
   *     Idempotency#DUPLICATE_WAIT}
   */
  Placed place(String customerId, String idempotencyKey, OrderRequest request) {
    // Keys are the client's choice, so they are scoped per customer: two shops may both send "1".
    String key = "orders:" + customerId + ":" + idempotencyKey;
    Idempotency.Result result = idempotency.runAwaiting(
        key, Idempotency.hash(request.canonicalJson()), () -> Json.write(placeOnce(key, customerId, request)),
        Idempotency.DUPLICATE_WAIT);
    return Json.read(result.response(), Placed.class);
  }

  /**
   * The order id follows from the key, so a retry after a crash finds the order the first attempt
   * stored. The order and its intake message are stored together (the message in the order's
   * outbox), so a stored order always reaches the workflow, whether or not the client retries.
   */
  private Placed placeOnce(String key, String customerId, OrderRequest request) {
    String orderId = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    Order order = orders.find(orderId).orElseGet(() -> {
      refuseOverHoldLimit(customerId, request);
      return store(orderId, customerId, request);
    });
    if (!request.placed(order)) {
      // The key's idempotency record expired and the key came back with another order.
      throw new Idempotency.KeyReused(key);
    }
    return new Placed(orderId, order.status(), order.total());
  }

  /**
   * A cheap early answer for a customer who already holds too much: one read of their counters.
   * Only the reserve step's transaction guarantees the limit; an order that passes here while
   * another one reserves may still end CANCELLED (HOLD_LIMIT).
   */
  private void refuseOverHoldLimit(String customerId, OrderRequest request) {
    Map<String, Integer> wanted = new HashMap<>();
    request.lines().forEach(line -> wanted.merge(line.sku(), line.quantity(), Integer::sum));
    List<String> overLimit = holdLimit.exceededBy(wanted, inventory.held(customerId, wanted.keySet()));
    if (!overLimit.isEmpty()) {
      throw new HoldLimitReached(overLimit);
    }
  }

  private Order store(String orderId, String customerId, OrderRequest request) {
    Instant now = clock.instant();
    List<String> skus = request.lines().stream().map(OrderRequest.Line::sku).distinct().toList();
    Order order = Order.place(
        orderId, customerId, request.pricedLines(catalog.findAll(skus)), request.shippingAddress(),
        request.payment(), request.shippingSpeed(), request.invoice(), now);
    Money total = order.total();
    TimelineEvent placed = new TimelineEvent(
        now, "ORDER_PLACED", OrderStatus.PENDING,
        Map.of("total", Map.of("amount", total.amountString(), "currency", total.currencyCode())));
    if (!orders.create(order, List.of(placed), List.of(new Outgoing(Queue.ORDER_INTAKE, new IntakeMessage(orderId))))) {
      return orders.find(orderId).orElseThrow();
    }
    return order;
  }
}
