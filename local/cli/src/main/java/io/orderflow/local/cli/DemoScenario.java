package io.orderflow.local.cli;

import io.orderflow.local.DemoData;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One demo order: what is ordered, what the shopper does when the order reaches a status, the
 * statuses where its story ends, and, for an after-sales story, the return asked for once the
 * order is delivered (the story then ends with the return).
 */
record DemoScenario(String name, Map<String, Object> order, Map<String, String> actionsByStatus, ReturnPlan returnPlan) {

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
          Map.of("ON_HOLD", "cancel")),
      new DemoScenario("return for a refund (1 of 2 arrived damaged)", SampleOrders.happyPath(), Map.of(),
          new ReturnPlan(DemoData.IN_STOCK_SKU, 1, "DAMAGED", "REFUND", "DAMAGED")),
      new DemoScenario("exchange (1 of 2 filter packs in the wrong size)",
          SampleOrders.order("SKU-3", 2, "tok_visa", SampleOrders.DELIVERABLE_POSTAL_CODE), Map.of(),
          new ReturnPlan("SKU-3", 1, "SIZE", "EXCHANGE", "RESELLABLE")),
      // Reason OTHER is no case the policy decides alone: a reviewer approves it through its ticket.
      new DemoScenario("return reviewed by a person (reason OTHER), then refunded", SampleOrders.happyPath(), Map.of(),
          new ReturnPlan(DemoData.IN_STOCK_SKU, 1, "OTHER", "REFUND", "RESELLABLE")));

  /** A scenario without a return. */
  DemoScenario(String name, Map<String, Object> order, Map<String, String> actionsByStatus) {
    this(name, order, actionsByStatus, null);
  }

  /** The route to POST on the order (e.g. {@code cancel}) when it reaches {@code status}. */
  Optional<String> actionAt(String status) {
    return Optional.ofNullable(actionsByStatus.get(status));
  }

  Optional<ReturnPlan> returnRequested() {
    return Optional.ofNullable(returnPlan);
  }

  static boolean isFinal(String status) {
    return FINAL_STATUSES.contains(status);
  }

  /**
   * The return the shopper asks for ({@code quantity} of {@code sku}, {@code reason}, {@code
   * resolution}) and the {@code condition} ops find the units in.
   */
  record ReturnPlan(String sku, int quantity, String reason, String resolution, String condition) {

    Map<String, Object> request() {
      return SampleOrders.returnOf(sku, quantity, reason, resolution);
    }

    Map<String, Object> inspection() {
      return SampleOrders.inspection(sku, quantity, condition);
    }
  }
}
