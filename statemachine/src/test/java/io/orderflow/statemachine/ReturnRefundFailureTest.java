package io.orderflow.statemachine;

import static io.orderflow.statemachine.ReturnRefundWorkflowTest.delivered;
import static io.orderflow.statemachine.ReturnRefundWorkflowTest.executionArn;
import static io.orderflow.statemachine.ReturnRefundWorkflowTest.receiveAndInspect;
import static io.orderflow.statemachine.ReturnRefundWorkflowTest.requestReturn;
import static io.orderflow.statemachine.ReturnRefundWorkflowTest.returnOf;
import static io.orderflow.statemachine.WorkflowStack.awaitEnd;
import static io.orderflow.statemachine.WorkflowStack.awaitStatus;
import static io.orderflow.statemachine.WorkflowStack.carrierScan;
import static io.orderflow.statemachine.WorkflowStack.enteredStates;
import static io.orderflow.statemachine.WorkflowStack.order;
import static io.orderflow.statemachine.WorkflowStack.product;
import static io.orderflow.statemachine.WorkflowStack.stack;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.aftersales.returns.ProductReturn;
import io.orderflow.aftersales.returns.ReturnIds;
import io.orderflow.aftersales.returns.ReturnStatus;
import io.orderflow.local.sfn.ExecutionDescription;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every failure path of statemachine/return-refund.asl.json: a return step that keeps failing
 * (made to fail through the local stack's fault injection) either compensates (the replacement is
 * released, cancelled and the return refunded) or parks the order for a person naming what is
 * left undone; the execution never ends FAILED.
 */
@ExtendWith(WorkflowStack.class)
class ReturnRefundFailureTest {

  @Test
  void aReviewThatKeepsFailingParksTheOrder() throws Exception {
    String sku = product("12.00", 5);
    Order order = delivered(sku, 1);
    try (AutoCloseable fault = failingForReturnsOf(order, LambdaFunction.REVIEW_RETURN, "")) {
      String returnId = requestReturn(order, sku, 1, "DAMAGED", "REFUND");

      String execution = awaitSucceeded(returnId);
      assertParked(order, StatusReason.INTERNAL_ERROR, List.of("return review"));
      assertThat(enteredStates(execution)).containsExactly("Review", "ReviewFailed", "ParkForAttention", "NeedsAttention");
    }
  }

  @Test
  void waitingForTheParcelThatKeepsFailingParksTheOrder() throws Exception {
    String sku = product("12.00", 5);
    Order order = delivered(sku, 1);
    try (AutoCloseable fault = failingForReturnsOf(order, LambdaFunction.AWAIT_RETURN, "PARCEL")) {
      String returnId = requestReturn(order, sku, 1, "DAMAGED", "REFUND");

      String execution = awaitSucceeded(returnId);
      assertParked(order, StatusReason.INTERNAL_ERROR, List.of("return receipt"));
      assertThat(enteredStates(execution)).containsSubsequence("AwaitParcel", "ParcelTrackingFailed", "NeedsAttention");
    }
  }

  @Test
  void aRefundThatKeepsFailingParksTheOrderWithTheRefundPending() throws Exception {
    String sku = product("12.00", 5);
    Order order = delivered(sku, 1);
    try (AutoCloseable fault = failingForReturnsOf(order, LambdaFunction.REFUND_RETURN, "")) {
      String returnId = requestReturn(order, sku, 1, "DAMAGED", "REFUND");
      receiveAndInspect(returnId, sku, 1, "RESELLABLE");

      String execution = awaitSucceeded(returnId);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("refund"));
      assertThat(order(order.orderId()).ledger().refunded().isZero()).isTrue();
      assertThat(enteredStates(execution)).containsSubsequence("RefundReturn", "RefundPending", "NeedsAttention");
    }
  }

  @Test
  void placingAReplacementThatKeepsFailingParksTheOrder() throws Exception {
    String sku = product("12.00", 5);
    Order order = delivered(sku, 1);
    try (AutoCloseable fault = failingForReturnsOf(order, LambdaFunction.PLACE_REPLACEMENT, "")) {
      String returnId = requestReturn(order, sku, 1, "SIZE", "EXCHANGE");
      receiveAndInspect(returnId, sku, 1, "RESELLABLE");

      String execution = awaitSucceeded(returnId);
      assertParked(order, StatusReason.INTERNAL_ERROR, List.of("exchange"));
      assertThat(enteredStates(execution)).containsSubsequence("PlaceReplacement", "ExchangeFailed", "NeedsAttention");
    }
  }

  @Test
  void aReplacementThatCannotBeDispatchedIsReleasedCancelledAndTheReturnRefunded() throws Exception {
    String sku = product("12.00", 5);
    Order order = delivered(sku, 1);
    try (AutoCloseable fault = failingForReplacementsOf(order, LambdaFunction.DISPATCH)) {
      String returnId = requestReturn(order, sku, 1, "SIZE", "EXCHANGE");
      receiveAndInspect(returnId, sku, 1, "RESELLABLE");

      String execution = awaitSucceeded(returnId);
      ProductReturn refunded = returnOf(returnId);
      assertThat(refunded.status()).isEqualTo(ReturnStatus.REFUNDED);
      assertThat(refunded.refund()).isEqualTo(Money.of("12.00", "USD"));
      Order replacement = order(ReturnIds.replacementOrderId(returnId));
      assertThat(replacement.status()).isEqualTo(OrderStatus.CANCELLED);
      // 5 stocked, 1 shipped, the replacement's unit given back, the returned unit resellable.
      assertThat(stack().adapters().inventory().level(sku).available()).isEqualTo(5);
      assertThat(stack().adapters().inventory().level(sku).reserved()).isZero();
      assertThat(enteredStates(execution)).containsSubsequence(
          "DispatchReplacement", "ReleaseReplacement", "CancelReplacement", "RefundReturn", "Refunded");
    }
  }

  @Test
  void releasingAReplacementThatKeepsFailingParksTheOrder() throws Exception {
    String sku = product("12.00", 5);
    Order order = delivered(sku, 1);
    try (AutoCloseable dispatch = failingForReplacementsOf(order, LambdaFunction.DISPATCH);
        AutoCloseable release = failingForReplacementsOf(order, LambdaFunction.RELEASE)) {
      String returnId = requestReturn(order, sku, 1, "SIZE", "EXCHANGE");
      receiveAndInspect(returnId, sku, 1, "RESELLABLE");

      String execution = awaitSucceeded(returnId);
      assertParked(order, StatusReason.COMPENSATION_FAILED,
          List.of("release replacement", "cancel replacement", "refund"));
      assertThat(enteredStates(execution)).containsSubsequence("ReleaseReplacement", "ReplacementReleasePending");
    }
  }

  @Test
  void cancellingAReplacementThatKeepsFailingParksTheOrder() throws Exception {
    String sku = product("12.00", 5);
    Order order = delivered(sku, 1);
    try (AutoCloseable dispatch = failingForReplacementsOf(order, LambdaFunction.DISPATCH);
        AutoCloseable close = failingForReplacementsOf(order, LambdaFunction.CLOSE)) {
      String returnId = requestReturn(order, sku, 1, "SIZE", "EXCHANGE");
      receiveAndInspect(returnId, sku, 1, "RESELLABLE");

      String execution = awaitSucceeded(returnId);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("cancel replacement", "refund"));
      assertThat(enteredStates(execution)).containsSubsequence("CancelReplacement", "ReplacementCancelPending");
    }
  }

  @Test
  void completingAnExchangeThatKeepsFailingParksTheOrder() throws Exception {
    String sku = product("12.00", 5);
    Order order = delivered(sku, 1);
    try (AutoCloseable fault = failingForReturnsOf(order, LambdaFunction.COMPLETE_EXCHANGE, "")) {
      String returnId = requestReturn(order, sku, 1, "SIZE", "EXCHANGE");
      receiveAndInspect(returnId, sku, 1, "RESELLABLE");
      Order replacement = awaitStatus(ReturnIds.replacementOrderId(returnId), OrderStatus.DISPATCHED);
      carrierScan(replacement, "PICKED_UP", null);

      String execution = awaitSucceeded(returnId);
      assertParked(order, StatusReason.COMPENSATION_FAILED, List.of("complete exchange"));
      assertThat(enteredStates(execution)).containsSubsequence("CompleteExchange", "ExchangeCompletionPending");
    }
  }

  /** Fails {@code function} for every return of {@code order} whose payload also contains {@code marker}. */
  private static AutoCloseable failingForReturnsOf(Order order, LambdaFunction function, String marker) {
    return stack().functions().inject((invoked, payload) -> {
      if (invoked != function || !payload.contains(marker)) {
        return;
      }
      Object returnId = Json.read(payload, Map.class).get("returnId");
      if (returnId != null
          && stack().adapters().returns().find(returnId.toString())
              .map(r -> r.orderId().equals(order.orderId())).orElse(false)) {
        throw new IllegalStateException("injected: " + function.baseName() + " is broken");
      }
    });
  }

  /** Fails {@code function} for the replacement order of every exchange of {@code order}. */
  private static AutoCloseable failingForReplacementsOf(Order order, LambdaFunction function) {
    return stack().functions().inject((invoked, payload) -> {
      if (invoked != function) {
        return;
      }
      Object orderId = Json.read(payload, Map.class).get("orderId");
      if (orderId != null && stack().adapters().returns().findByOrder(order.orderId()).stream()
          .anyMatch(r -> ReturnIds.replacementOrderId(r.returnId()).equals(orderId))) {
        throw new IllegalStateException("injected: " + function.baseName() + " is broken");
      }
    });
  }

  private static void assertParked(Order order, StatusReason reason, List<String> pending) {
    Order parked = order(order.orderId());
    assertThat(parked.status()).isEqualTo(OrderStatus.NEEDS_ATTENTION);
    assertThat(parked.statusReason()).isEqualTo(reason);
    TimelineEvent event = stack().adapters().orders().timeline(order.orderId()).stream()
        .filter(e -> e.type().equals("NEEDS_ATTENTION"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no NEEDS_ATTENTION event on " + order.orderId()));
    assertThat(event.detail()).containsEntry("reason", reason.name()).containsEntry("pending", pending);
  }

  private static String awaitSucceeded(String returnId) {
    String execution = executionArn(returnId);
    ExecutionDescription ended = awaitEnd(execution);
    assertThat(ended.status()).as("%s: %s", ended.error(), ended.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    return execution;
  }
}
