package io.orderflow.statemachine;

import static io.orderflow.statemachine.WorkflowStack.ADDRESS;
import static io.orderflow.statemachine.WorkflowStack.CUSTOMER;
import static io.orderflow.statemachine.WorkflowStack.PATIENT;
import static io.orderflow.statemachine.WorkflowStack.awaitEnd;
import static io.orderflow.statemachine.WorkflowStack.awaitStatus;
import static io.orderflow.statemachine.WorkflowStack.carrierScan;
import static io.orderflow.statemachine.WorkflowStack.enteredStates;
import static io.orderflow.statemachine.WorkflowStack.line;
import static io.orderflow.statemachine.WorkflowStack.order;
import static io.orderflow.statemachine.WorkflowStack.placeOrder;
import static io.orderflow.statemachine.WorkflowStack.product;
import static io.orderflow.statemachine.WorkflowStack.stack;
import static io.orderflow.statemachine.WorkflowStack.start;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.aftersales.AftersalesWiring;
import io.orderflow.aftersales.returns.ProductReturn;
import io.orderflow.aftersales.returns.Resolution;
import io.orderflow.aftersales.returns.ReturnIds;
import io.orderflow.aftersales.returns.ReturnLine;
import io.orderflow.aftersales.returns.ReturnPolicy;
import io.orderflow.aftersales.returns.ReturnReason;
import io.orderflow.aftersales.returns.ReturnRequests;
import io.orderflow.aftersales.returns.ReturnStatus;
import io.orderflow.aftersales.tickets.TicketRequest;
import io.orderflow.local.sfn.ExecutionDescription;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every path of statemachine/return-refund.asl.json, run by the local engine against the real
 * handlers over DynamoDB Local and ElasticMQ. Orders are delivered by the real order workflow and
 * carrier webhook first; returns are requested, received and inspected through the after-sales API.
 */
@ExtendWith(WorkflowStack.class)
class ReturnRefundWorkflowTest {

  private static final String RETURN_LINE = "{\"lines\": [{\"sku\": \"%s\", \"quantity\": %d}], \"reason\": \"%s\", "
      + "\"resolution\": \"%s\"}";

  @Test
  void aRefundPaysTheAcceptedUnitsAndPutsThemBackInStock() {
    String sku = product("29.90", 5);
    Order order = delivered(sku, 2);

    String returnId = requestReturn(order, sku, 1, "DAMAGED", "REFUND");
    receiveAndInspect(returnId, sku, 1, "RESELLABLE");

    String execution = awaitSucceeded(returnId);
    ProductReturn refunded = returnOf(returnId);
    assertThat(refunded.status()).isEqualTo(ReturnStatus.REFUNDED);
    assertThat(refunded.refund()).isEqualTo(Money.of("29.90", "USD"));
    assertThat(order(order.orderId()).ledger().refunded()).isEqualTo(Money.of("29.90", "USD"));
    assertThat(stack().adapters().inventory().level(sku).available()).isEqualTo(4);
    assertThat(enteredStates(execution)).containsExactly(
        "Review", "AwaitParcel", "AwaitInspection", "Resolve", "RefundReturn", "Refunded");
    assertThat(timelineTypes(order)).containsSubsequence(
        "RETURN_REQUESTED", "RETURN_APPROVED", "RETURN_RECEIVED", "RETURN_INSPECTED", "RETURN_REFUNDED");
  }

  @Test
  void anExchangeShipsAPaidReplacementThroughTheOrderWorkflowsDispatchStep() {
    String sku = product("15.00", 5);
    Order order = delivered(sku, 1);

    String returnId = requestReturn(order, sku, 1, "SIZE", "EXCHANGE");
    receiveAndInspect(returnId, sku, 1, "RESELLABLE");
    Order replacement = awaitStatus(ReturnIds.replacementOrderId(returnId), OrderStatus.DISPATCHED);
    assertThat(carrierScan(replacement, "PICKED_UP", null).getStatusCode()).isEqualTo(202);

    String execution = awaitSucceeded(returnId);
    assertThat(returnOf(returnId).status()).isEqualTo(ReturnStatus.EXCHANGED);
    assertThat(order(replacement.orderId()).status()).isEqualTo(OrderStatus.IN_TRANSIT);
    assertThat(order(order.orderId()).ledger().refunded().isPositive()).as("no refund for an exchange").isFalse();
    assertThat(enteredStates(execution)).endsWith("PlaceReplacement", "DispatchReplacement", "CompleteExchange", "Exchanged");
    // 5 stocked, 1 shipped, 1 reserved then shipped for the replacement, 1 resellable back.
    assertThat(stack().adapters().inventory().level(sku).available()).isEqualTo(4);
  }

  @Test
  void anExchangeWithoutStockIsRefundedInstead() {
    String sku = product("15.00", 1);
    Order order = delivered(sku, 1);

    String returnId = requestReturn(order, sku, 1, "DAMAGED", "EXCHANGE");
    receiveAndInspect(returnId, sku, 1, "DAMAGED");

    String execution = awaitSucceeded(returnId);
    assertThat(returnOf(returnId).status()).isEqualTo(ReturnStatus.REFUNDED);
    assertThat(returnOf(returnId).refund()).isEqualTo(Money.of("15.00", "USD"));
    assertThat(enteredStates(execution)).endsWith("PlaceReplacement", "RefundReturn", "Refunded");
    assertThat(order(order.orderId()).ledger().refunded()).isEqualTo(Money.of("15.00", "USD"));
  }

  @Test
  void aReviewerRejectsAReturnThroughItsTicket() {
    String sku = product("9.00", 3);
    Order order = delivered(sku, 1);

    String returnId = requestReturn(order, sku, 1, "OTHER", "REFUND");
    String ticketId = TicketRequest.ticketIdFor("return-review-" + returnId);
    Awaitility.await("the ticket router opens the review ticket").atMost(Duration.ofSeconds(30))
        .until(() -> stack().adapters().tickets().find(ticketId).isPresent());
    APIGatewayProxyResponseEvent resolved = api("POST", "/ops/tickets/{ticketId}/resolve",
        Map.of("ticketId", ticketId), "{\"decision\": \"REJECT\", \"note\": \"worn\"}", true);

    assertThat(resolved.getStatusCode()).isEqualTo(200);
    String execution = awaitSucceeded(returnId);
    assertThat(returnOf(returnId).status()).isEqualTo(ReturnStatus.REJECTED);
    assertThat(returnOf(returnId).statusReason()).isEqualTo("worn");
    assertThat(enteredStates(execution)).containsExactly("Review", "Rejected");
    assertThat(stack().adapters().returns().returnedQuantities(order.orderId()).bySku()).as("units freed").isEmpty();
  }

  @Test
  void aParcelThatNeverArrivesClosesTheReturnAndFreesItsUnits() {
    String sku = product("9.00", 3);
    Order order = delivered(sku, 1);
    ReturnPolicy impatient = new ReturnPolicy(Duration.ofDays(7), 5, Duration.ofDays(3), Duration.ofSeconds(5),
        Duration.ofDays(7), Duration.ofDays(2), "returns desk");
    ReturnRequests requests = AftersalesWiring.requests(stack().adapters(), impatient);

    ProductReturn requested = requests.request(CUSTOMER, order.orderId(), new ReturnRequests.Request(
        List.of(new ReturnLine(sku, 1)), ReturnReason.CHANGED_MIND, Resolution.REFUND, null));

    String execution = awaitSucceeded(requested.returnId());
    assertThat(returnOf(requested.returnId()).status()).isEqualTo(ReturnStatus.CLOSED);
    assertThat(returnOf(requested.returnId()).statusReason()).isEqualTo("PARCEL_NEVER_ARRIVED");
    assertThat(enteredStates(execution)).containsExactly("Review", "AwaitParcel", "ParcelNeverArrived", "Closed");
    assertThat(stack().adapters().returns().returnedQuantities(order.orderId()).bySku()).isEmpty();
    assertThat(api("POST", "/ops/returns/{returnId}/receive", Map.of("returnId", requested.returnId()), null, true)
        .getStatusCode()).as("nothing to receive any more").isEqualTo(409);
  }

  @Test
  void twoPartialReturnsRefundEverythingAndNothingMore() {
    String sku = product("20.00", 5);
    Order order = delivered(sku, 2);

    String first = requestReturn(order, sku, 1, "NOT_AS_DESCRIBED", "REFUND");
    receiveAndInspect(first, sku, 1, "DAMAGED");
    awaitSucceeded(first);
    String second = requestReturn(order, sku, 1, "WRONG_ITEM", "REFUND");
    receiveAndInspect(second, sku, 1, "RESELLABLE");
    awaitSucceeded(second);
    APIGatewayProxyResponseEvent third = api("POST", "/orders/{orderId}/returns", Map.of("orderId", order.orderId()),
        String.format(RETURN_LINE, sku, 1, "SIZE", "REFUND"), false);

    assertThat(List.of(returnOf(first).refund(), returnOf(second).refund()))
        .containsExactly(Money.of("20.00", "USD"), Money.of("20.00", "USD"));
    Order refunded = order(order.orderId());
    assertThat(refunded.ledger().refunded()).isEqualTo(refunded.ledger().captured());
    assertThat(refunded.ledger().refundable().isPositive()).isFalse();
    assertThat(third.getStatusCode()).as("both units are covered").isEqualTo(409);
    assertThat(stack().adapters().inventory().level(sku).available()).as("only the resellable unit").isEqualTo(4);
  }

  @Test
  void racingRequestsAreGrantedOnlyTheDeliveredUnits() throws Exception {
    String sku = product("10.00", 5);
    Order order = delivered(sku, 2);
    String body = String.format(RETURN_LINE, sku, 1, "SIZE", "REFUND");

    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Future<APIGatewayProxyResponseEvent>> calls = new ArrayList<>();
    try {
      for (int i = 0; i < 6; i++) {
        calls.add(pool.submit(() -> api("POST", "/orders/{orderId}/returns", Map.of("orderId", order.orderId()), body,
            false)));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<APIGatewayProxyResponseEvent> call : calls) {
        statuses.add(call.get().getStatusCode());
      }
      assertThat(statuses).filteredOn(status -> status == 202).hasSize(2);
      assertThat(statuses).filteredOn(status -> status == 409).hasSize(4);
    } finally {
      pool.shutdownNow();
    }
    List<ProductReturn> granted = stack().adapters().returns().findByOrder(order.orderId());
    assertThat(granted).hasSize(2);
    for (ProductReturn r : granted) {
      assertThat(stack().engine().describeExecution(executionArn(r.returnId())).status()).isEqualTo(ExecutionStatus.RUNNING);
    }
  }

  /** An order of {@code quantity} units delivered by the real order workflow and carrier webhook. */
  static Order delivered(String sku, int quantity) {
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, quantity));
    start(order, PATIENT);
    awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
    carrierScan(order, "PICKED_UP", null);
    carrierScan(order, "DELIVERED", null);
    return awaitStatus(order.orderId(), OrderStatus.DELIVERED);
  }

  static String requestReturn(Order order, String sku, int quantity, String reason, String resolution) {
    APIGatewayProxyResponseEvent response = api("POST", "/orders/{orderId}/returns",
        Map.of("orderId", order.orderId()), String.format(RETURN_LINE, sku, quantity, reason, resolution), false);
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
    return Json.read(response.getBody(), Map.class).get("returnId").toString();
  }

  /** Ops receive the parcel once the workflow waits for it, then report what was in it. */
  static void receiveAndInspect(String returnId, String sku, int quantity, String condition) {
    awaitReturn(returnId, ReturnStatus.APPROVED);
    assertThat(api("POST", "/ops/returns/{returnId}/receive", Map.of("returnId", returnId), null, true)
        .getStatusCode()).isEqualTo(200);
    String inspection = String.format(
        "{\"lines\": [{\"sku\": \"%s\", \"quantity\": %d, \"condition\": \"%s\"}]}", sku, quantity, condition);
    assertThat(api("POST", "/ops/returns/{returnId}/inspection", Map.of("returnId", returnId), inspection, true)
        .getStatusCode()).isEqualTo(200);
  }

  static void awaitReturn(String returnId, ReturnStatus status) {
    Awaitility.await("return " + returnId + " reaches " + status).atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> returnOf(returnId).status() == status);
  }

  private static String awaitSucceeded(String returnId) {
    String execution = executionArn(returnId);
    ExecutionDescription ended = awaitEnd(execution);
    assertThat(ended.status()).as("return workflow of " + returnId).isEqualTo(ExecutionStatus.SUCCEEDED);
    return execution;
  }

  static String executionArn(String returnId) {
    return stack().executionArn(Workflow.RETURN_REFUND, returnId);
  }

  static ProductReturn returnOf(String returnId) {
    return stack().adapters().returns().find(returnId).orElseThrow();
  }

  private static List<String> timelineTypes(Order order) {
    return stack().adapters().orders().timeline(order.orderId()).stream().map(e -> e.type()).toList();
  }

  /** A customer (or ops) calling an after-sales route through the function the gateway invokes. */
  static APIGatewayProxyResponseEvent api(
      String method, String resource, Map<String, String> parameters, String body, boolean ops) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", ops ? "ops-wf" : CUSTOMER);
    if (ops) {
      claims.put("cognito:groups", "ops");
    }
    APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setAuthorizer(Map.of("claims", claims));
    String path = resource;
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      path = path.replace("{" + parameter.getKey() + "}", parameter.getValue());
    }
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
        .withHttpMethod(method)
        .withResource(resource)
        .withPath(path)
        .withPathParameters(parameters)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withRequestContext(context)
        .withBody(body);
    return stack().functions().handle(LambdaFunction.AFTERSALES_API, event);
  }
}
