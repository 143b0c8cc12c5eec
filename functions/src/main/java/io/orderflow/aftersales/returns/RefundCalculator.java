package io.orderflow.aftersales.returns;

import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import java.util.Map;

/**
 * What a return refunds: unit price × accepted units, plus the shipping share when the seller is
 * at fault, never more than captured minus already refunded.
 */
public final class RefundCalculator {

  private RefundCalculator() {}

  public static Money refundFor(Order order, ProductReturn returned) {
    Map<String, Integer> accepted = returned.acceptedQuantities();
    Money amount = Money.zero(order.ledger().currency());
    int acceptedUnits = 0;
    for (Map.Entry<String, Integer> entry : accepted.entrySet()) {
      amount = amount.plus(unitPrice(order, entry.getKey()).times(entry.getValue()));
      acceptedUnits += entry.getValue();
    }
    if (returned.reason().isSellersFault() && acceptedUnits > 0) {
      int orderedUnits = order.quantitiesBySku().values().stream().mapToInt(Integer::intValue).sum();
      amount = amount.plus(shippingFee(order).share(acceptedUnits, orderedUnits));
    }
    Money refundable = order.ledger().refundable();
    return amount.isGreaterThan(refundable) ? refundable : amount;
  }

  /**
   * What the customer paid for shipping. Orders carry no shipping fee yet (the total is the sum of
   * the lines), so the shipping share is zero; once orders carry a fee, the share of it refunded is
   * accepted units / ordered units, rounded down.
   */
  static Money shippingFee(Order order) {
    return Money.zero(order.ledger().currency());
  }

  /** The price the customer paid for one unit of {@code sku}. */
  static Money unitPrice(Order order, String sku) {
    return order.lines().stream()
        .filter(line -> line.sku().equals(sku))
        .map(OrderLine::unitPrice)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("order " + order.orderId() + " has no line for " + sku));
  }
}
