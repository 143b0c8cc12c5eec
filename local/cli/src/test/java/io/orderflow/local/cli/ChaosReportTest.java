package io.orderflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.local.cli.Chaos.Shopper;
import io.orderflow.local.cli.ChaosReport.OrderFacts;
import io.orderflow.local.cli.ChaosReport.Stock;
import io.orderflow.platform.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The chaos report's checks on constructed findings: a clean run passes, and each check can fail it. */
class ChaosReportTest {

  private static final Chaos.Plan PLAN = new Chaos.Plan(4, 1, 0.1, 1, 2, 60, Duration.ofSeconds(30));

  /** Four orders of SKU-A (4 units on the shelf): two completed, one out of stock, one cancelled by its customer. */
  private static List<OrderFacts> cleanOrders() {
    return new ArrayList<>(List.of(
        order("o-1", "COMPLETED", "CUSTOMER_CONFIRMED", "SUCCEEDED", "25.00", "25.00", "0", "CAPTURED", 2, true),
        order("o-2", "COMPLETED", "CUSTOMER_CONFIRMED", "SUCCEEDED", "25.00", "25.00", "0", "CAPTURED", 2, true),
        order("o-3", "CANCELLED", "OUT_OF_STOCK", "SUCCEEDED", "12.50", "0", "0", "NONE", 1, false),
        order("o-4", "CANCELLED", "CUSTOMER_CANCELLED", "SUCCEEDED", "12.50", "0", "0", "VOIDED", 1, false)));
  }

  private static OrderFacts order(String id, String status, String reason, String execution, String total,
      String captured, String refunded, String payment, int units, boolean pickedUp) {
    return new OrderFacts(id, Shopper.CARD, status, reason, execution, new BigDecimal(total), new BigDecimal(captured),
        new BigDecimal(refunded), payment, Map.of("SKU-A", units), pickedUp, 5, List.of());
  }

  private static ChaosReport report(List<OrderFacts> orders, Stock stock) {
    return report(orders, stock, keys(orders), List.of(), List.of());
  }

  private static ChaosReport report(List<OrderFacts> orders, Stock stock, Map<String, Set<String>> byKey,
      List<String> unanswered, List<String> notAccepted) {
    return new ChaosReport(PLAN, 1, notAccepted, 0, List.of(Duration.ofSeconds(3), Duration.ofSeconds(2)), byKey,
        unanswered, orders, List.of(stock), Duration.ofSeconds(40));
  }

  private static Map<String, Set<String>> keys(List<OrderFacts> orders) {
    Map<String, Set<String>> byKey = new LinkedHashMap<>();
    orders.forEach(order -> byKey.put("key-" + order.orderId(), Set.of(order.orderId())));
    return byKey;
  }

  private static final Stock BALANCED = new Stock("SKU-A", 4, 0, 0, null);

  private static List<OrderFacts> with(String orderId, UnaryOperator<OrderFacts> change) {
    List<OrderFacts> orders = cleanOrders();
    orders.replaceAll(order -> order.orderId().equals(orderId) ? change.apply(order) : order);
    return orders;
  }

  @Test
  void aCleanRunPassesAndSaysSo() {
    ChaosReport report = report(cleanOrders(), BALANCED);

    assertThat(report.failures()).isEmpty();
    assertThat(report.passed()).isTrue();
    assertThat(report.outcomes()).containsEntry("COMPLETED CUSTOMER_CONFIRMED", 2).containsEntry("CANCELLED OUT_OF_STOCK", 1);
    assertThat(report.render()).contains(
        "accepted         4 of 4 orders",
        "kills            1, the stack back in 2.0 s on average",
        "lost             0", "stranded         0", "parked for ops   0", "duplicated       0",
        "SKU-A: 0 available + 0 reserved + 4 shipped of 4",
        "stock books      balance",
        "ledger           balances: captured 50.00 − refunded 0 = 50.00, what completed orders paid (orders that ended)",
        "result           PASSED");
    JsonNode json = Json.read(report.toJson(), JsonNode.class);
    assertThat(json.path("passed").asBoolean()).isTrue();
    assertThat(json.path("stock").get(0).path("shipped").asInt()).isEqualTo(4);
  }

  @Test
  void anAcceptedOrderTheApiDoesNotKnowIsLost() {
    List<OrderFacts> orders = cleanOrders();
    orders.add(OrderFacts.unknown("o-5", Shopper.CARD, "NONE"));

    ChaosReport report = report(orders, BALANCED);

    assertThat(report.lost()).containsExactly("o-5: not found");
    assertThat(report.passed()).isFalse();
    assertThat(report.render()).contains("lost             1", "o-5: not found", "FAILED: 1 lost");
  }

  @Test
  void anOrderWithoutATimelineIsLostToo() {
    ChaosReport report = report(with("o-3", order -> new OrderFacts(order.orderId(), order.shopper(), order.status(),
        order.reason(), order.execution(), order.total(), order.captured(), order.refunded(), order.paymentStatus(),
        order.lines(), order.pickedUp(), 0, List.of())), BALANCED);

    assertThat(report.lost()).containsExactly("o-3: no timeline");
    assertThat(report.passed()).isFalse();
  }

  @Test
  void anOrderNotFinalAtTheEndIsStranded() {
    ChaosReport report = report(with("o-4", order ->
        order("o-4", "PENDING", null, "NONE", "12.50", "0", "0", "NONE", 1, false)), BALANCED);

    assertThat(report.stranded()).containsExactly("o-4: PENDING after 30 s, execution NONE");
    assertThat(report.failures()).containsExactly("1 stranded");
  }

  @Test
  void anOrderWhoseExecutionFailedIsStranded() {
    ChaosReport report = report(with("o-4", order ->
        order("o-4", "RESERVED", null, "FAILED", "12.50", "0", "0", "NONE", 1, false)), new Stock("SKU-A", 4, 0, 1, null));

    assertThat(report.stranded()).containsExactly("o-4: RESERVED, its execution FAILED");
  }

  @Test
  void stockStillReservedWhenEveryOrderEndedIsStranded() {
    ChaosReport report = report(cleanOrders(), new Stock("SKU-A", 4, 0, 1, null));

    assertThat(report.stranded()).containsExactly("SKU-A: 1 units reserved for orders that ended");
    assertThat(report.books()).as("a unit too many on the books").hasSize(1);
    assertThat(report.passed()).isFalse();
  }

  @Test
  void anOrderParkedForOpsFailsTheRunOnItsOwnLine() {
    ChaosReport report = report(with("o-4", order ->
        order("o-4", "NEEDS_ATTENTION", "COMPENSATION_FAILED", "FAILED", "12.50", "0", "0", "VOIDED", 1, false)),
        BALANCED);

    assertThat(report.stranded()).isEmpty();
    assertThat(report.parked()).containsExactly("o-4: NEEDS_ATTENTION COMPENSATION_FAILED");
    assertThat(report.failures()).containsExactly("1 parked for ops");
  }

  @Test
  void twoOrdersForOneIdempotencyKeyAreDuplicated() {
    List<OrderFacts> orders = cleanOrders();
    Map<String, Set<String>> byKey = keys(orders);
    byKey.remove("key-o-2");
    byKey.put("key-o-1", Set.of("o-1", "o-2"));

    ChaosReport report = report(orders, BALANCED, byKey, List.of(), List.of());

    assertThat(report.duplicated()).singleElement().asString().startsWith("Idempotency-Key key-o-1: 2 orders");
    assertThat(report.passed()).isFalse();
  }

  @Test
  void anOrderNoClickWasAnsweredWithIsDuplicated() {
    ChaosReport report = report(cleanOrders(), BALANCED, keys(cleanOrders()), List.of("o-9"), List.of());

    assertThat(report.duplicated()).containsExactly("o-9: an order no click was answered with");
  }

  @Test
  void aTimelineEventAppliedTwiceIsDuplicated() {
    ChaosReport report = report(with("o-1", order -> new OrderFacts(order.orderId(), order.shopper(), order.status(),
        order.reason(), order.execution(), order.total(), order.captured(), order.refunded(), order.paymentStatus(),
        order.lines(), order.pickedUp(), 6, List.of("PAYMENT_CAPTURED"))), BALANCED);

    assertThat(report.duplicated()).containsExactly("o-1: PAYMENT_CAPTURED on the timeline twice");
  }

  @Test
  void unitsMissingFromTheBooksDoNotBalance() {
    ChaosReport report = report(cleanOrders(), new Stock("SKU-A", 5, 0, 0, null));

    assertThat(report.books()).containsExactly("SKU-A: 0 available + 0 reserved + 4 shipped = 4, not 5");
    assertThat(report.render()).contains("stock books      1", "FAILED: 1 stock books do not balance");
  }

  @Test
  void anInventoryShippedCountThatDisagreesWithTheOrdersIsCaught() {
    ChaosReport report = report(cleanOrders(), new Stock("SKU-A", 4, 1, 0, 3));

    assertThat(report.books()).containsExactly("SKU-A: the inventory counts 3 shipped, the orders picked up 4");
  }

  @Test
  void aCompletedOrderThatWasNotChargedItsTotalIsALedgerProblem() {
    ChaosReport report = report(with("o-2", order ->
        order("o-2", "COMPLETED", "CUSTOMER_CONFIRMED", "SUCCEEDED", "25.00", "50.00", "0", "CAPTURED", 2, true)),
        BALANCED);

    assertThat(report.ledger()).containsExactly(
        "o-2 (COMPLETED CUSTOMER_CONFIRMED): captured 50.00 − refunded 0 = 50.00, should be 25.00");
    assertThat(report.passed()).isFalse();
  }

  @Test
  void aCancelledOrderThatKeptItsMoneyOrItsAuthorizationIsALedgerProblem() {
    ChaosReport kept = report(with("o-4", order ->
        order("o-4", "CANCELLED", "CUSTOMER_CANCELLED", "SUCCEEDED", "12.50", "12.50", "0", "CAPTURED", 1, false)),
        BALANCED);
    ChaosReport open = report(with("o-4", order ->
        order("o-4", "CANCELLED", "CUSTOMER_CANCELLED", "SUCCEEDED", "12.50", "0", "0", "AUTHORIZED", 1, false)),
        BALANCED);
    ChaosReport refunded = report(with("o-4", order ->
        order("o-4", "CANCELLED", "LOST", "SUCCEEDED", "12.50", "12.50", "12.50", "REFUNDED", 1, false)),
        BALANCED);

    assertThat(kept.ledger()).containsExactly(
        "o-4 (CANCELLED CUSTOMER_CANCELLED): captured 12.50 − refunded 0 = 12.50, should be 0");
    assertThat(open.ledger()).containsExactly("o-4 (CANCELLED CUSTOMER_CANCELLED): its authorization is still open");
    assertThat(refunded.ledger()).as("captured and refunded in full is paid nothing").isEmpty();
  }

  @Test
  void aClickTheApiNeverAcceptedFailsTheRun() {
    ChaosReport report = report(cleanOrders(), BALANCED, keys(cleanOrders()), List.of(),
        List.of("order 4 (CARD): no answer in 120 s"));

    assertThat(report.failures()).containsExactly("1 never accepted");
    assertThat(report.render()).contains("never accepted   1", "order 4 (CARD): no answer in 120 s");
  }
}
