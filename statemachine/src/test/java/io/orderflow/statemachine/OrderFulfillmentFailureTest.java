package io.orderflow.statemachine;

import static io.orderflow.statemachine.WorkflowStack.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.charge.PaymentGatewayUnavailable;
import io.orderflow.charge.PaymentService;
import io.orderflow.idempotency.Idempotency;
import io.orderflow.intake.ExecutionSettings;
import io.orderflow.local.sfn.ExecutionDescription;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.PaymentLedger;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.reserve.Inventory.StockLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every failure path of statemachine/order-fulfillment.asl.json: a step that keeps failing after
 * its retries (made to fail through the local stack's fault injection) ends in a compensation and
 * a status with a reason, never in a FAILED execution with its order stranded mid-way.
 */
@ExtendWith(WorkflowStack.class)
class OrderFulfillmentFailureTest {

  private static final Supplier<Exception> BROKEN = () -> new IllegalStateException("injected: this step is broken");
  private static final Supplier<Exception> PROVIDER_DOWN =
      () -> new PaymentGatewayUnavailable("injected: the provider does not answer");

  @Test
  void aChargeMeetingTheClaimOfAKilledRunCancelsWithPaymentUnavailableAndGivesTheStockBack() {
    String sku = product("19.00", 4);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 2));
    // The JVM was killed while the provider had the authorization: its claim is still IN_PROGRESS.
    Instant now = Instant.now();
    stack().adapters().idempotency().begin("authorize:" + order.orderId(),
        Idempotency.hash("authorize|tok_visa|" + order.total()), now, now.plus(PaymentService.IDEMPOTENCY_LEASE));

    String execution = start(order, PATIENT);

    assertSucceeded(execution);
    Order cancelled = order(order.orderId());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.PAYMENT_UNAVAILABLE);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 4, 0));
    assertThat(enteredStates(execution)).containsSubsequence(
        "Charge", "PaymentUnavailable", "VoidPayment", "ReleaseStock", "CloseCancelled", "Cancelled");
  }

  @Test
  void cancellingAReservedOrderWhoseExecutionIsGoneReleasesItsStock() throws Exception {
    String sku = product("14.00", 5);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 2));
    // Validate and Reserve ran; then the execution was lost (a crash, a failed Charge on an older build).
    stack().functions().invoke(LambdaFunction.VALIDATE, Json.write(Map.of("orderId", order.orderId())));
    stack().functions().invoke(LambdaFunction.RESERVE,
        Json.write(Map.of("orderId", order.orderId(), "settings", PATIENT)));
    assertThat(order(order.orderId()).status()).isEqualTo(OrderStatus.RESERVED);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 3, 2));

    assertThat(cancel(order).getStatusCode()).isEqualTo(202);

    assertThat(order(order.orderId()).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 5, 0));
    assertThat(timelineTypes(order)).containsOnlyOnce("STOCK_RELEASED");
  }

  @Test
  void cancellingAHeldOrderWhoseExecutionWasStoppedVoidsAndReleasesIt() {
    String sku = product("60.00", 3);
    Order order = placeOrder("tok_riskReview", ADDRESS, line(sku, 1));
    String execution = start(order, PATIENT);
    awaitStatus(order.orderId(), OrderStatus.ON_HOLD);
    stack().engine().stopExecution(execution, "Killed", "the execution died with the order held");
    assertThat(awaitEnd(execution).status()).isNotEqualTo(ExecutionStatus.RUNNING);

    assertThat(cancel(order).getStatusCode()).isEqualTo(202);

    Order cancelled = order(order.orderId());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.ledger().status()).isEqualTo(PaymentLedger.Status.VOIDED);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 3, 0));
  }

  @Test
  void aCancelWhileTheWorkflowRunsIsCompensatedOnceNotTwice() {
    String sku = product("60.00", 3);
    Order order = placeOrder("tok_riskReview", ADDRESS, line(sku, 2));
    String execution = start(order, PATIENT);
    awaitParkedFor(order, Order.AwaitedEvent.Kind.HOLD_RELEASE);

    assertThat(cancel(order).getStatusCode()).isEqualTo(202);

    assertSucceeded(execution);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 3, 0));
    assertThat(timelineTypes(order)).containsOnlyOnce("STOCK_RELEASED", "PAYMENT_VOIDED", "ORDER_CANCELLED");
    assertThat(enteredStates(execution)).containsSubsequence("CustomerCancelled", "VoidPayment", "ReleaseStock");
  }

  @Test
  void aLostOptimisticLockIsRetriedNotMistakenForABrokenStep() throws Exception {
    String sku = product("8.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    AtomicInteger collisions = new AtomicInteger();
    try (AutoCloseable fault = stack().functions().inject((function, payload) -> {
      if (function == LambdaFunction.RESERVE && payload.contains(order.orderId()) && collisions.incrementAndGet() <= 2) {
        throw new OrderRepository.ConcurrentModification(order.orderId());
      }
    })) {
      String execution = start(order, PATIENT);

      awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
      assertThat(collisions).hasValueGreaterThanOrEqualTo(3);
      assertThat(enteredStates(execution)).containsOnlyOnce("Reserve").doesNotContain("InternalError");
    }
  }

  /** A forward step before pickup that keeps failing: cancelled (INTERNAL_ERROR), voided, released. */
  enum BrokenStep {
    VALIDATE(LambdaFunction.VALIDATE, "tok_visa"),
    RESERVE(LambdaFunction.RESERVE, "tok_visa"),
    CHARGE(LambdaFunction.CHARGE, "tok_visa"),
    HOLD(LambdaFunction.AWAIT, "tok_riskReview"),
    DISPATCH(LambdaFunction.DISPATCH, "tok_visa");

    final LambdaFunction function;
    final String token;

    BrokenStep(LambdaFunction function, String token) {
      this.function = function;
      this.token = token;
    }
  }

  @ParameterizedTest
  @EnumSource(BrokenStep.class)
  void aStepThatKeepsFailingBeforePickupCancelsWithInternalErrorAndCompensates(BrokenStep step) throws Exception {
    String sku = product("8.00", 3);
    Order order = placeOrder(step.token, ADDRESS, line(sku, 2));
    try (AutoCloseable fault = failing(step.function, order.orderId(), BROKEN)) {
      String execution = start(order, PATIENT);

      assertSucceeded(execution);
      Order cancelled = order(order.orderId());
      assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
      assertThat(cancelled.statusReason()).isEqualTo(StatusReason.INTERNAL_ERROR);
      assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 3, 0));
      assertThat(cancelled.ledger().status()).isIn(PaymentLedger.Status.NONE, PaymentLedger.Status.VOIDED);
      assertThat(enteredStates(execution)).containsSubsequence("InternalError", "VoidPayment", "ReleaseStock",
          "CloseCancelled", "Cancelled");
    }
  }

  @Test
  void aHoldNobodyReleasesExpiresWithHoldExpired() {
    String sku = product("80.00", 2);
    Order order = placeOrder("tok_riskReview", ADDRESS, line(sku, 1));
    String execution = start(order, new ExecutionSettings(2_000, 86_400, 86_400, 86_400));

    assertSucceeded(execution);
    Order cancelled = order(order.orderId());
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.HOLD_EXPIRED);
    assertThat(cancelled.ledger().status()).isEqualTo(PaymentLedger.Status.VOIDED);
    assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 2, 0));
  }

  @Test
  void aVoidThatKeepsFailingStillReleasesTheStockAndParksTheOrderWithTheVoidPending() throws Exception {
    String sku = product("8.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable dispatch = failing(LambdaFunction.DISPATCH, order.orderId(), BROKEN);
        AutoCloseable voids = failing(LambdaFunction.VOID, order.orderId(), BROKEN)) {
      String execution = start(order, PATIENT);

      assertSucceeded(execution);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("void"));
      assertThat(order(order.orderId()).ledger().status()).isEqualTo(PaymentLedger.Status.AUTHORIZED);
      assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 3, 0));
      assertThat(enteredStates(execution)).containsSubsequence(
          "VoidPayment", "ReleaseStockVoidPending", "VoidPending", "ParkForAttention", "NeedsAttention");
    }
  }

  @Test
  void aVoidAndAReleaseThatBothKeepFailingParkTheOrderWithBothPending() throws Exception {
    String sku = product("8.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable dispatch = failing(LambdaFunction.DISPATCH, order.orderId(), BROKEN);
        AutoCloseable voids = failing(LambdaFunction.VOID, order.orderId(), BROKEN);
        AutoCloseable releases = failing(LambdaFunction.RELEASE, order.orderId(), BROKEN)) {
      String execution = start(order, PATIENT);

      assertSucceeded(execution);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("void", "release"));
      assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 2, 1));
      assertThat(enteredStates(execution)).containsSubsequence("ReleaseStockVoidPending", "VoidAndReleasePending");
    }
  }

  @Test
  void aReleaseThatKeepsFailingParksTheOrderWithTheReleasePending() throws Exception {
    String sku = product("8.00", 3);
    Order order = placeOrder("tok_chargeDeclined", ADDRESS, line(sku, 1));
    try (AutoCloseable releases = failing(LambdaFunction.RELEASE, order.orderId(), BROKEN)) {
      String execution = start(order, PATIENT);

      assertSucceeded(execution);
      Order parked = order(order.orderId());
      // The decline already cancelled the order: it keeps its status, the timeline says what is left.
      assertThat(parked.status()).isEqualTo(OrderStatus.CANCELLED);
      assertThat(attentionEvent(order).detail()).containsEntry("pending", List.of("release"))
          .containsEntry("reason", StatusReason.COMPENSATION_FAILED.name());
      assertThat(enteredStates(execution)).containsSubsequence("ReleaseStock", "ReleasePending", "NeedsAttention");
    }
  }

  @Test
  void aCancelledCloseThatKeepsFailingParksTheSettledOrder() throws Exception {
    String sku = product("8.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable dispatch = failing(LambdaFunction.DISPATCH, order.orderId(), BROKEN);
        AutoCloseable closes = failing(LambdaFunction.CLOSE, order.orderId(), BROKEN, "\"CANCELLED\"")) {
      String execution = start(order, PATIENT);

      assertSucceeded(execution);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("close"));
      assertThat(order(order.orderId()).ledger().status()).isEqualTo(PaymentLedger.Status.VOIDED);
      assertThat(stock(sku)).isEqualTo(new StockLevel(sku, 3, 0));
      assertThat(enteredStates(execution)).containsSubsequence("CloseCancelled", "ClosePending", "NeedsAttention");
    }
  }

  @Test
  void aCaptureTheProviderNeverAnswersParksTheShippedOrderInsteadOfCancellingIt() throws Exception {
    String sku = product("30.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable captures = failing(LambdaFunction.CAPTURE, order.orderId(), PROVIDER_DOWN)) {
      String execution = start(order, PATIENT);
      awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
      carrierScan(order, "PICKED_UP", null);

      assertSucceeded(execution);
      assertParked(order, StatusReason.PAYMENT_UNAVAILABLE, List.of("capture"));
      assertThat(order(order.orderId()).ledger().status()).isEqualTo(PaymentLedger.Status.AUTHORIZED);
      assertThat(enteredStates(execution)).containsSubsequence("Capture", "CaptureUnavailable", "NeedsAttention")
          .doesNotContain("VoidPayment", "ReleaseStock");
    }
  }

  @Test
  void aCaptureThatKeepsFailingIsRetriedForLongThenParked() throws Exception {
    String sku = product("30.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable captures = failing(LambdaFunction.CAPTURE, order.orderId(), BROKEN)) {
      String execution = start(order, PATIENT);
      awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
      carrierScan(order, "PICKED_UP", null);

      assertSucceeded(execution);
      assertParked(order, StatusReason.INTERNAL_ERROR, List.of("capture"));
      assertThat(failures(execution)).as("retried before giving up").isGreaterThan(5);
      assertThat(enteredStates(execution)).containsSubsequence("Capture", "CaptureFailed", "NeedsAttention");
    }
  }

  @Test
  void waitingForTheDeliveryThatKeepsFailingParksTheOrder() throws Exception {
    String sku = product("30.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable awaits = failing(LambdaFunction.AWAIT, order.orderId(), BROKEN, "DELIVERY")) {
      String execution = start(order, PATIENT);
      awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
      carrierScan(order, "PICKED_UP", null);

      assertSucceeded(execution);
      assertParked(order, StatusReason.INTERNAL_ERROR, List.of("delivery"));
      assertThat(order(order.orderId()).ledger().captured().isPositive()).isTrue();
      assertThat(enteredStates(execution)).containsSubsequence("AwaitDelivery", "TrackingFailed", "NeedsAttention");
    }
  }

  @Test
  void waitingForTheReceiptThatKeepsFailingCompletesTheDeliveredOrder() throws Exception {
    String sku = product("30.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable awaits = failing(LambdaFunction.AWAIT, order.orderId(), BROKEN, "RECEIPT")) {
      String execution = start(order, PATIENT);
      awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
      carrierScan(order, "PICKED_UP", null);
      awaitParkedFor(order, Order.AwaitedEvent.Kind.DELIVERY);
      carrierScan(order, "DELIVERED", null);

      assertSucceeded(execution);
      Order completed = order(order.orderId());
      assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
      assertThat(completed.statusReason()).isEqualTo(StatusReason.AUTO_CONFIRMED);
      assertThat(enteredStates(execution)).containsSubsequence("AwaitReceipt", "AutoConfirm", "Completed");
    }
  }

  @Test
  void aCompletionThatKeepsFailingParksTheDeliveredOrder() throws Exception {
    String sku = product("30.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable closes = failing(LambdaFunction.CLOSE, order.orderId(), BROKEN, "\"COMPLETED\"")) {
      String execution = start(order, PATIENT);
      deliver(order);
      awaitParkedFor(order, Order.AwaitedEvent.Kind.RECEIPT);
      assertThat(confirmReceipt(order).getStatusCode()).isBetween(200, 202);

      assertSucceeded(execution);
      // The API completed the order itself; the workflow's own completion could not, and says so.
      assertThat(attentionEvent(order).detail()).containsEntry("pending", List.of("complete"));
      assertThat(enteredStates(execution)).containsSubsequence("Complete", "CompletionPending", "NeedsAttention");
    }
  }

  @Test
  void anAutoConfirmThatKeepsFailingParksTheDeliveredOrder() throws Exception {
    String sku = product("30.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable closes = failing(LambdaFunction.CLOSE, order.orderId(), BROKEN, "\"COMPLETED\"")) {
      String execution = start(order, new ExecutionSettings(86_400, 86_400, 86_400, 2_000));
      deliver(order);

      assertSucceeded(execution);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("complete"));
      assertThat(enteredStates(execution)).containsSubsequence("AutoConfirm", "CompletionPending", "NeedsAttention");
    }
  }

  @Test
  void aRefundOfALostParcelThatKeepsFailingParksTheOrderWithTheRefundPending() throws Exception {
    String sku = product("40.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable refunds = failing(LambdaFunction.REFUND, order.orderId(), BROKEN)) {
      String execution = start(order, PATIENT);
      awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
      carrierScan(order, "PICKED_UP", null);
      awaitParkedFor(order, Order.AwaitedEvent.Kind.DELIVERY);
      carrierScan(order, "EXCEPTION", "LOST");

      assertSucceeded(execution);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("refund", "close"));
      assertThat(order(order.orderId()).ledger().refunded().isZero()).isTrue();
      assertThat(enteredStates(execution)).containsSubsequence("RefundDeliveryException", "RefundPending");
    }
  }

  @Test
  void aRefundOfASilentCarrierThatKeepsFailingParksTheOrder() throws Exception {
    String sku = product("40.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable refunds = failing(LambdaFunction.REFUND, order.orderId(), BROKEN)) {
      String execution = start(order, new ExecutionSettings(86_400, 86_400, 3_000, 86_400));
      awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
      carrierScan(order, "PICKED_UP", null);

      assertSucceeded(execution);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("refund", "close"));
      assertThat(enteredStates(execution)).containsSubsequence("RefundDeliveryTimeout", "RefundPending");
    }
  }

  @Test
  void closingALostParcelThatKeepsFailingParksTheRefundedOrder() throws Exception {
    String sku = product("40.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable closes = failing(LambdaFunction.CLOSE, order.orderId(), BROKEN, "\"CANCELLED\"")) {
      String execution = start(order, PATIENT);
      awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
      carrierScan(order, "PICKED_UP", null);
      awaitParkedFor(order, Order.AwaitedEvent.Kind.DELIVERY);
      carrierScan(order, "EXCEPTION", "DAMAGED");

      assertSucceeded(execution);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("close"));
      assertThat(order(order.orderId()).ledger().status()).isEqualTo(PaymentLedger.Status.REFUNDED);
      assertThat(enteredStates(execution)).containsSubsequence("CloseDeliveryException", "ClosePending");
    }
  }

  @Test
  void closingASilentCarriersOrderThatKeepsFailingParksTheRefundedOrder() throws Exception {
    String sku = product("40.00", 3);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 1));
    try (AutoCloseable closes = failing(LambdaFunction.CLOSE, order.orderId(), BROKEN, "\"CANCELLED\"")) {
      String execution = start(order, new ExecutionSettings(86_400, 86_400, 3_000, 86_400));
      awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
      carrierScan(order, "PICKED_UP", null);

      assertSucceeded(execution);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("close"));
      assertThat(enteredStates(execution)).containsSubsequence("CloseDeliveryTimeout", "ClosePending");
    }
  }

  private static void assertParked(Order order, StatusReason reason, List<String> pending) {
    Order parked = order(order.orderId());
    assertThat(parked.status()).isEqualTo(OrderStatus.NEEDS_ATTENTION);
    assertThat(parked.statusReason()).isEqualTo(reason);
    assertThat(attentionEvent(order).detail())
        .containsEntry("reason", reason.name())
        .containsEntry("pending", pending)
        .containsKey("error");
  }

  private static TimelineEvent attentionEvent(Order order) {
    return stack().adapters().orders().timeline(order.orderId()).stream()
        .filter(event -> event.type().equals("NEEDS_ATTENTION"))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no NEEDS_ATTENTION event on " + order.orderId()));
  }

  private static void assertSucceeded(String execution) {
    ExecutionDescription end = awaitEnd(execution);
    assertThat(end.status()).as("%s: %s", end.error(), end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  private static long failures(String execution) {
    return history(execution).stream().filter(e -> e.type().equals("TaskFailed")).count();
  }

  private static void deliver(Order order) {
    awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
    carrierScan(order, "PICKED_UP", null);
    awaitParkedFor(order, Order.AwaitedEvent.Kind.DELIVERY);
    carrierScan(order, "DELIVERED", null);
    awaitStatus(order.orderId(), OrderStatus.DELIVERED);
  }

  private static void awaitParkedFor(Order order, Order.AwaitedEvent.Kind kind) {
    org.awaitility.Awaitility.await("a workflow step waits for " + kind)
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> order(order.orderId()).awaiting() != null && order(order.orderId()).awaiting().kind() == kind);
  }

  private static List<String> timelineTypes(Order order) {
    return stack().adapters().orders().timeline(order.orderId()).stream().map(TimelineEvent::type).toList();
  }

  private static StockLevel stock(String sku) {
    return stack().adapters().inventory().level(sku);
  }
}
