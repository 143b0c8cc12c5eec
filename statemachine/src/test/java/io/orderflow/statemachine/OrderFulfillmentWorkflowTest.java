package io.orderflow.statemachine;

import static io.orderflow.statemachine.WorkflowStack.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.intake.ExecutionSettings;
import io.orderflow.local.sfn.ExecutionDescription;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.local.sfn.HistoryEvent;
import io.orderflow.local.sfn.SfnServiceException;
import io.orderflow.order.Address;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.PaymentLedger;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Workflow;
import io.orderflow.reserve.Inventory.StockLevel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every path of statemachine/order-fulfillment.asl.json, run by the local engine against the real
 * handlers over DynamoDB Local and ElasticMQ. Each test asserts the order's final status and
 * reason, the stock, the payment ledger and the execution history.
 */
@ExtendWith(WorkflowStack.class)
class OrderFulfillmentWorkflowTest {

  private static final List<String> HAPPY_PATH = List.of(
      "Validate", "Reserve", "Charge", "Dispatch", "Capture", "AwaitDelivery", "AwaitReceipt", "Complete");

  @Test
  void happyPathDeliversCapturesAndCompletesOnConfirmationInEightTransitions() {
    String sku = product("29.90", 10);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 2));
    String execution = start(order, PATIENT);

    Order dispatched = awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
    assertThat(dispatched.shipment().trackingNumber()).isNotBlank();
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 8, 2));
    assertThat(dispatched.ledger().status()).isEqualTo(PaymentLedger.Status.AUTHORIZED);

    assertThat(carrierScan(order, "PICKED_UP", null).getStatusCode()).isEqualTo(202);
    Order inTransit = awaitCaptured(order.orderId());
    assertThat(inTransit.ledger().captured()).isEqualTo(Money.of("59.80", "USD"));
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 8, 0, 2));

    carrierScan(order, "IN_TRANSIT", null);
    carrierScan(order, "OUT_FOR_DELIVERY", null);
    carrierScan(order, "DELIVERED", null);
    awaitStatus(order.orderId(), OrderStatus.DELIVERED);
    awaitParked(order.orderId(), Order.AwaitedEvent.Kind.RECEIPT);

    assertThat(confirmReceipt(order).getStatusCode()).isBetween(200, 202);
    assertSucceeded(execution);
    Order completed = order(order.orderId());
    assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(completed.statusReason()).isEqualTo(StatusReason.CUSTOMER_CONFIRMED);
    assertThat(enteredStates(execution)).containsExactlyElementsOf(HAPPY_PATH).hasSizeLessThanOrEqualTo(8);
    assertThat(timelineTypes(order)).containsSubsequence(
        "ORDER_PLACED", "ORDER_VALIDATED", "STOCK_RESERVED", "PAYMENT_AUTHORIZED", "ORDER_DISPATCHED",
        "PICKED_UP", "PAYMENT_CAPTURED", "DELIVERED", "ORDER_COMPLETED");
    assertThat(timelineTypes(order)).containsOnlyOnce("PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
  }

  @Test
  void deliveredOrdersCompleteByThemselvesAfterTheAutoConfirmPeriod() {
    String sku = product("5.00", 3);
    Order order = placeOrder("tok_mastercard", ADDRESS, line(sku, 1));
    String execution = start(order, new ExecutionSettings(86_400, 86_400, 86_400, 3_000));
    deliver(order);

    assertSucceeded(execution);
    Order completed = order(order.orderId());
    assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(completed.statusReason()).isEqualTo(StatusReason.AUTO_CONFIRMED);
    assertThat(enteredStates(execution)).endsWith("AwaitReceipt", "AutoConfirm", "Completed");
    assertThat(taskTimedOut(execution)).isTrue();
  }

  @Test
  void anUnknownSkuIsRejectedWithoutTouchingStockOrMoney() {
    Order order = placeOrder("tok_visa", ADDRESS, line("WF-NOT-IN-CATALOG", 1));
    String execution = start(order, PATIENT);

    assertSucceeded(execution);
    Order rejected = order(order.orderId());
    assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(rejected.statusReason()).isEqualTo(StatusReason.UNKNOWN_SKU);
    assertThat(rejected.ledger().entries()).isEmpty();
    assertThat(enteredStates(execution)).containsExactly("Validate", "Rejected");
  }

  @Test
  void anUndeliverableAddressIsRejected() {
    String sku = product("5.00", 3);
    Address nowhere = new Address("Li Lei", "1 Main St", null, "Springfield", "IL", "ABCDE", "US", null);
    Order order = placeOrder("tok_visa", nowhere, line(sku, 1));

    awaitEnd(start(order, PATIENT));

    assertThat(order(order.orderId()).statusReason()).isEqualTo(StatusReason.UNDELIVERABLE_ADDRESS);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 3, 0));
  }

  @Test
  void outOfStockCancelsWithoutReservingAnyLineAndAsksForRestock() {
    String plenty = product("5.00", 10);
    String scarce = product("7.00", 1);
    Order order = placeOrder("tok_visa", ADDRESS, line(plenty, 2), line(scarce, 2));
    String execution = start(order, PATIENT);

    assertSucceeded(execution);
    Order cancelled = order(order.orderId());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.OUT_OF_STOCK);
    assertThat(stock(plenty)).isEqualTo(new StockLevel(plenty, 10, 0));
    assertThat(stock(scarce)).isEqualTo(new StockLevel(scarce, 1, 0));
    assertThat(cancelled.ledger().entries()).isEmpty();
    assertThat(enteredStates(execution)).containsExactly("Validate", "Reserve", "Cancelled");
  }

  @Test
  void anOrderThatWouldHoldMoreThanTwentyUnitsOfASkuForOneCustomerIsCancelledWithNothingReserved() {
    String hoarded = product("3.00", 40);
    String other = product("4.00", 10);
    // The customer already holds 15 units: a risk-review order keeps them reserved while ops look.
    Order holding = placeOrder("tok_riskReview", ADDRESS, line(hoarded, 15));
    start(holding, PATIENT);
    awaitParked(holding.orderId(), Order.AwaitedEvent.Kind.HOLD_RELEASE);

    Order overLimit = placeOrder("tok_visa", ADDRESS, line(hoarded, 6), line(other, 2));
    String execution = start(overLimit, PATIENT);

    assertSucceeded(execution);
    Order cancelled = order(overLimit.orderId());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.HOLD_LIMIT);
    assertThat(cancelled.ledger().entries()).isEmpty();
    assertThat(stock(hoarded)).as("only the held order's units").isEqualTo(new StockLevel(hoarded, 25, 15));
    assertThat(stock(other)).isEqualTo(new StockLevel(other, 10, 0));
    assertThat(timelineTypes(overLimit)).contains("HOLD_LIMIT").doesNotContain("STOCK_RESERVED", "OUT_OF_STOCK");
    assertThat(enteredStates(execution)).containsExactly("Validate", "Reserve", "Cancelled");

    // The held order's cancel gives its units back, and with them the customer's room to order.
    assertThat(cancel(holding).getStatusCode()).isEqualTo(202);
    awaitStatus(holding.orderId(), OrderStatus.CANCELLED);
    Order again = placeOrder("tok_visa", ADDRESS, line(hoarded, 20));
    start(again, PATIENT);
    awaitStatus(again.orderId(), OrderStatus.DISPATCHED);
  }

  @Test
  void aDeclinedCardReleasesTheStockAndIsNotRetried() {
    String sku = product("12.00", 4);
    Order order = placeOrder("tok_chargeDeclined", ADDRESS, line(sku, 3));
    String execution = start(order, PATIENT);

    assertSucceeded(execution);
    Order cancelled = order(order.orderId());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.PAYMENT_DECLINED);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 4, 0));
    assertThat(enteredStates(execution)).containsExactly(
        "Validate", "Reserve", "Charge", "PaymentWasDeclined", "VoidPayment", "ReleaseStock", "CloseCancelled", "Cancelled");
    assertThat(failuresOf(execution, "io.orderflow.charge.PaymentDeclined")).isEqualTo(1);
  }

  @Test
  void aTransientGatewayErrorIsRetriedWithBackoffAndThenAuthorizes() {
    String sku = product("3.00", 2);
    Order order = placeOrder("tok_processingError", ADDRESS, line(sku, 1));
    String execution = start(order, PATIENT);

    Order dispatched = awaitStatus(order.orderId(), OrderStatus.DISPATCHED);

    assertThat(dispatched.ledger().status()).isEqualTo(PaymentLedger.Status.AUTHORIZED);
    assertThat(failuresOf(execution, "io.orderflow.charge.PaymentGatewayUnavailable")).isEqualTo(2);
    assertThat(enteredStates(execution)).containsOnlyOnce("Charge");
  }

  @Test
  void aRiskReviewHoldsTheOrderUntilOpsReleaseIt() {
    String sku = product("80.00", 2);
    Order order = placeOrder("tok_riskReview", ADDRESS, line(sku, 1));
    String execution = start(order, PATIENT);

    Order held = awaitStatus(order.orderId(), OrderStatus.ON_HOLD);
    assertThat(held.statusReason()).isEqualTo(StatusReason.RISK_REVIEW);
    awaitParked(order.orderId(), Order.AwaitedEvent.Kind.HOLD_RELEASE);
    assertThat(releaseHold(order).getStatusCode()).isBetween(200, 202);

    awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
    assertThat(enteredStates(execution)).containsSubsequence("Charge", "AwaitHoldRelease", "Dispatch");
  }

  @Test
  void aHeldOrderTheCustomerCancelsIsVoidedAndReleased() {
    String sku = product("80.00", 2);
    Order order = placeOrder("tok_riskReview", ADDRESS, line(sku, 1));
    String execution = start(order, PATIENT);
    awaitParked(order.orderId(), Order.AwaitedEvent.Kind.HOLD_RELEASE);

    assertThat(cancel(order).getStatusCode()).isEqualTo(202);

    assertSucceeded(execution);
    Order cancelled = order(order.orderId());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.CUSTOMER_CANCELLED);
    assertThat(cancelled.ledger().status()).isEqualTo(PaymentLedger.Status.VOIDED);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 2, 0));
    assertThat(enteredStates(execution)).containsSubsequence("AwaitHoldRelease", "CustomerCancelled", "VoidPayment", "ReleaseStock");
  }

  @Test
  void aCustomerCancelBeforeTheWorkflowRunsEndsItWithNothingHeld() {
    String sku = product("9.00", 5);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    assertThat(cancel(order).getStatusCode()).isEqualTo(202);

    String execution = start(order, PATIENT);

    assertSucceeded(execution);
    Order cancelled = order(order.orderId());
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.CUSTOMER_CANCELLED);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 5, 0));
    assertThat(enteredStates(execution)).containsExactly(
        "Validate", "CustomerCancelled", "VoidPayment", "ReleaseStock", "CloseCancelled", "Cancelled");
  }

  @Test
  void aParcelTheCarrierNeverCollectsIsCancelledVoidedAndReleased() {
    String sku = product("15.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 2));
    String execution = start(order, new ExecutionSettings(86_400, 2_000, 86_400, 86_400));

    assertSucceeded(execution);
    Order cancelled = order(order.orderId());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.DISPATCH_FAILED);
    assertThat(cancelled.ledger().status()).isEqualTo(PaymentLedger.Status.VOIDED);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 3, 0));
    assertThat(taskTimedOut(execution)).isTrue();
  }

  @Test
  void aLostParcelIsRefundedInFullAndCancelledAsLost() {
    String sku = product("40.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    String execution = start(order, PATIENT);
    awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
    carrierScan(order, "PICKED_UP", null);
    awaitParked(order.orderId(), Order.AwaitedEvent.Kind.DELIVERY);

    carrierScan(order, "EXCEPTION", "LOST");

    assertSucceeded(execution);
    Order cancelled = order(order.orderId());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.LOST);
    assertThat(cancelled.ledger().refunded()).isEqualTo(Money.of("40.00", "USD"));
    assertThat(cancelled.ledger().status()).isEqualTo(PaymentLedger.Status.REFUNDED);
    assertThat(timelineTypes(order)).containsSubsequence("DELIVERY_EXCEPTION", "PAYMENT_REFUNDED", "ORDER_CANCELLED");
  }

  @Test
  void aCarrierThatGoesSilentPastTheDeadlineIsRefunded() {
    String sku = product("11.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    String execution = start(order, new ExecutionSettings(86_400, 86_400, 3_000, 86_400));
    awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
    carrierScan(order, "PICKED_UP", null);

    assertSucceeded(execution);
    Order cancelled = order(order.orderId());
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.DELIVERY_TIMEOUT);
    assertThat(cancelled.ledger().refundable().isZero()).isTrue();
    assertThat(cancelled.ledger().refunded()).isEqualTo(Money.of("11.00", "USD"));
  }

  @Test
  void aSecondStartWithTheSameOrderIdIsTheSameExecution() {
    String sku = product("2.00", 2);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    String first = start(order, PATIENT);

    String again = start(order, PATIENT);

    assertThat(again).isEqualTo(first);
    assertThatThrownBy(() -> start(order, new ExecutionSettings(1, 1, 1, 1)))
        .isInstanceOfSatisfying(SfnServiceException.class,
            e -> assertThat(e.errorCode()).isEqualTo("ExecutionAlreadyExists"));
    awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 1, 1));
  }

  private static void assertSucceeded(String execution) {
    ExecutionDescription end = awaitEnd(execution);
    assertThat(end.status()).as("%s: %s", end.error(), end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  private static void deliver(Order order) {
    awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
    carrierScan(order, "PICKED_UP", null);
    awaitParked(order.orderId(), Order.AwaitedEvent.Kind.DELIVERY);
    carrierScan(order, "DELIVERED", null);
    awaitStatus(order.orderId(), OrderStatus.DELIVERED);
  }

  private static Order awaitCaptured(String orderId) {
    org.awaitility.Awaitility.await("payment captured")
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> order(orderId).ledger().captured().isPositive());
    return order(orderId);
  }

  private static void awaitParked(String orderId, Order.AwaitedEvent.Kind kind) {
    org.awaitility.Awaitility.await("a workflow step waits for " + kind)
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> order(orderId).awaiting() != null && order(orderId).awaiting().kind() == kind);
  }

  private static StockLevel stock(String sku) {
    return stack().adapters().inventory().level(sku);
  }

  private static List<String> timelineTypes(Order order) {
    return stack().adapters().orders().timeline(order.orderId()).stream().map(TimelineEvent::type).toList();
  }

  private static long failuresOf(String execution, String error) {
    return history(execution).stream()
        .filter(e -> e.type().equals("TaskFailed"))
        .filter(e -> error.equals(e.details().path("error").asText()))
        .count();
  }

  private static boolean taskTimedOut(String execution) {
    return history(execution).stream().map(HistoryEvent::type).anyMatch("TaskTimedOut"::equals);
  }
}
