package io.orderflow.local.cli;

import io.orderflow.local.DemoData;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One demo order: what is ordered, what the shopper does when the order reaches a status, and
 * the statuses where its story ends.
 */
record DemoScenario(String name, Map<String, Object> order, Map<String, String> actionsByStatus) {

  static final List<String> FINAL_STATUSES = List.of("COMPLETED", "CANCELLED", "REJECTED");

  static final List<DemoScenario> ALL = List.of(
      new DemoScenario("happy path", SampleOrders.happyPath(), Map.of("DELIVERED", "confirm-receipt")),
      new DemoScenario("out of stock",
          SampleOrders.order(DemoData.SOLD_OUT_SKU, 1, "tok_visa", SampleOrders.DELIVERABLE_POSTAL_CODE), Map.of()),
      new DemoScenario("declined card",
          SampleOrders.order(DemoData.IN_STOCK_SKU, 1, "tok_chargeDeclined", SampleOrders.DELIVERABLE_POSTAL_CODE),
          Map.of()),
      new DemoScenario("address exception",
          SampleOrders.order(DemoData.IN_STOCK_SKU, 1, "tok_mastercard", "00000"), Map.of()),
      new DemoScenario("customer cancel (held for risk review)",
          SampleOrders.order(DemoData.IN_STOCK_SKU, 1, "tok_riskReview", SampleOrders.DELIVERABLE_POSTAL_CODE),
          Map.of("ON_HOLD", "cancel")));

  /** The route to POST on the order (e.g. {@code cancel}) when it reaches {@code status}. */
  Optional<String> actionAt(String status) {
    return Optional.ofNullable(actionsByStatus.get(status));
  }

  static boolean isFinal(String status) {
    return FINAL_STATUSES.contains(status);
  }
}
