package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.returns.ReturnUpdater.Change;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.TimelineEvent;
import io.orderflow.refund.RefundService;
import io.orderflow.reserve.Inventory;
import io.orderflow.reserve.OutOfStock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Resolves an inspected return: a refund through the order's payment ledger, or an exchange, i.e. a
 * replacement order for the accepted units that is reserved and dispatched without a new charge.
 * Resellable units go back to stock either way.
 */
public final class ReturnSettlement {

  /** A replacement's reservation outlives the carrier's pickup window comfortably. */
  private static final Duration REPLACEMENT_HOLD = Duration.ofDays(30);

  private final OrderRepository orders;
  private final ReturnUpdater updater;
  private final ReturnJournal journal;
  private final Inventory inventory;
  private final RefundService refunds;
  private final Clock clock;

  public ReturnSettlement(OrderRepository orders, ReturnRepository returns, ReturnJournal journal,
      Inventory inventory, RefundService refunds, Clock clock) {
    this.orders = orders;
    this.updater = new ReturnUpdater(returns);
    this.journal = journal;
    this.inventory = inventory;
    this.refunds = refunds;
    this.clock = clock;
  }

  /**
   * INSPECTED → REFUNDED: refunds the accepted units (see {@link RefundCalculator}) once per return,
   * and puts resellable units back in stock. Returns what was refunded.
   */
  public Money refund(String returnId) {
    ProductReturn current = updater.find(returnId);
    if (current.status() == ReturnStatus.REFUNDED) {
      return current.refund();
    }
    Order order = order(current.orderId());
    Money amount = RefundCalculator.refundFor(order, current);
    Money refunded = amount.isPositive()
        ? refunds.refund(current.orderId(), "return-" + returnId, amount, "RETURN_" + current.reason()).refunded()
        : amount;
    Change change = updater.apply(returnId,
        r -> r.status() == ReturnStatus.INSPECTED ? r.refunded(refunded, clock.instant()) : r);
    settle(change, "RETURN_REFUNDED", Map.of("refund", Map.of(
        "amount", refunded.amountString(), "currency", refunded.currencyCode())));
    return change.after().refund();
  }

  /**
   * Places the replacement of an exchange: a new order for the accepted units, shipped to the same
   * address, its stock reserved, and already PAID (the returned units paid for it). Returns its
   * id; a retry returns the same one.
   *
   * @throws OutOfStock when the units are not there (the workflow refunds instead)
   */
  public String placeReplacement(String returnId) {
    ProductReturn current = updater.find(returnId);
    String replacementId = ReturnIds.replacementOrderId(returnId);
    if (current.replacementOrderId() != null) {
      return current.replacementOrderId();
    }
    Order original = order(current.orderId());
    Instant now = clock.instant();
    Map<String, Integer> accepted = current.acceptedQuantities();
    try {
      inventory.reserve(replacementId, accepted, now.plus(REPLACEMENT_HOLD));
    } catch (OutOfStock e) {
      journal.record(current, "RETURN_EXCHANGE_UNAVAILABLE", Map.of("skus", e.skus()));
      throw e;
    }
    orders.create(replacement(original, replacementId, accepted, returnId, now), List.of(
        new TimelineEvent(now, "ORDER_PLACED", OrderStatus.PENDING, Map.of("exchangeFor", returnId)),
        TimelineEvent.of(now, "ORDER_VALIDATED", OrderStatus.VALIDATED),
        TimelineEvent.of(now, "STOCK_RESERVED", OrderStatus.RESERVED)));
    updater.apply(returnId, r -> r.replacementOrderId() != null ? r : r.withReplacement(replacementId, now));
    journal.record(current, "RETURN_EXCHANGE_PLACED", Map.of("replacementOrderId", replacementId));
    return replacementId;
  }

  /** The replacement is with the carrier: INSPECTED → EXCHANGED, resellable units back in stock. */
  public ProductReturn completeExchange(String returnId) {
    Change change = updater.apply(returnId, r -> r.status() == ReturnStatus.INSPECTED && r.replacementOrderId() != null
        ? r.exchanged(r.replacementOrderId(), clock.instant())
        : r);
    if (change.after().status() != ReturnStatus.EXCHANGED) {
      throw new IllegalReturnTransition(returnId, change.after().status(), ReturnStatus.EXCHANGED);
    }
    settle(change, "RETURN_EXCHANGED", Map.of("replacementOrderId", change.after().replacementOrderId()));
    return change.after();
  }

  /**
   * Restocks only when this call made the change: a retry never puts units back twice. If the
   * function dies between the two writes the units stay off the shelf, which undercounts stock
   * (safe) rather than overselling it.
   */
  private void settle(Change change, String type, Map<String, Object> detail) {
    if (change.changed()) {
      change.after().resellableQuantities().forEach(inventory::restock);
    }
    journal.record(change.after(), type, detail);
  }

  private static Order replacement(
      Order original, String replacementId, Map<String, Integer> accepted, String returnId, Instant now) {
    List<OrderLine> lines = accepted.entrySet().stream()
        .map(e -> new OrderLine(e.getKey(), e.getValue(), RefundCalculator.unitPrice(original, e.getKey())))
        .toList();
    Order placed = Order.place(replacementId, original.customerId(), lines, original.shippingAddress(),
        original.paymentMethod(), original.shippingSpeed(), null, now);
    return placed.inOneVersion(o -> o.moveTo(OrderStatus.VALIDATED, null, now)
        .moveTo(OrderStatus.RESERVED, null, now)
        .moveTo(OrderStatus.PAID, null, now));
  }

  private Order order(String orderId) {
    return orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
  }
}
