package io.orderflow.statemachine;

import static io.orderflow.statemachine.WorkflowStack.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.intake.ExecutionSettings;
import io.orderflow.local.sfn.DefinitionSubstitutions;
import io.orderflow.local.sfn.ExecutionDescription;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.StatusReason;
import io.orderflow.platform.Workflow;
import io.orderflow.reserve.Inventory.StockLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The order-fulfillment workflow written in JSONata (src/test/resources/order-fulfillment.jsonata.asl.json,
 * a translation of the JSONPath file: Arguments for Parameters, Output with $merge for ResultPath,
 * {% %} for paths) runs on the local engine against the same handlers and ends exactly as the
 * JSONPath workflow does in OrderFulfillmentWorkflowTest: the same states, status, reason and stock.
 */
@ExtendWith(WorkflowStack.class)
class OrderFulfillmentJsonataTest {

  private static String machine;

  @BeforeAll
  static void createJsonataMachine() throws IOException {
    String jsonPath = stack().engine().describeStateMachine(stack().stateMachineArn(Workflow.ORDER_FULFILLMENT)).definition();
    String jsonata;
    try (InputStream in = OrderFulfillmentJsonataTest.class.getResourceAsStream("/order-fulfillment.jsonata.asl.json")) {
      jsonata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    machine = stack().engine().createStateMachine("order-fulfillment-jsonata",
        DefinitionSubstitutions.apply(jsonata, placeholderValues(Json.parse(jsonata), Json.parse(jsonPath))));
  }

  /** Each ${Placeholder} of the fixture, filled with what the deployed JSONPath workflow has in the same place. */
  private static Map<String, String> placeholderValues(JsonNode jsonata, JsonNode deployed) {
    Map<String, String> values = new HashMap<>();
    jsonata.get("States").fields().forEachRemaining(state -> {
      String placeholder = state.getValue().path("Arguments").path("FunctionName").asText("");
      if (placeholder.startsWith("${")) {
        String name = placeholder.substring(2, placeholder.length() - 1);
        values.put(name, deployed.get("States").get(state.getKey()).get("Parameters").get("FunctionName").asText());
      }
    });
    return values;
  }

  private static String start(Order order, ExecutionSettings settings) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("orderId", order.orderId());
    input.put("settings", settings);
    return stack().engine().startExecution(machine, order.orderId(), io.orderflow.platform.Json.write(input)).executionArn();
  }

  @Test
  void theHappyPathCompletesAsTheJsonPathWorkflowDoes() {
    String sku = product("29.90", 10);
    Order order = placeOrder("tok_visa", ADDRESS, line(sku, 2));
    String execution = start(order, PATIENT);

    awaitStatus(order.orderId(), OrderStatus.DISPATCHED);
    assertThat(carrierScan(order, "PICKED_UP", null).getStatusCode()).isEqualTo(202);
    org.awaitility.Awaitility.await("payment captured").atMost(java.time.Duration.ofSeconds(30))
        .until(() -> order(order.orderId()).ledger().captured().isPositive());
    org.awaitility.Awaitility.await("waits for the delivery").atMost(java.time.Duration.ofSeconds(30))
        .until(() -> order(order.orderId()).awaiting() != null
            && order(order.orderId()).awaiting().kind() == Order.AwaitedEvent.Kind.DELIVERY);
    carrierScan(order, "DELIVERED", null);
    awaitStatus(order.orderId(), OrderStatus.DELIVERED);
    org.awaitility.Awaitility.await("waits for the receipt").atMost(java.time.Duration.ofSeconds(30))
        .until(() -> order(order.orderId()).awaiting() != null
            && order(order.orderId()).awaiting().kind() == Order.AwaitedEvent.Kind.RECEIPT);
    assertThat(confirmReceipt(order).getStatusCode()).isBetween(200, 202);

    ExecutionDescription end = awaitEnd(execution);
    assertThat(end.status()).as("%s: %s", end.error(), end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(order(order.orderId()).status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(order(order.orderId()).statusReason()).isEqualTo(StatusReason.CUSTOMER_CONFIRMED);
    assertThat(stack().adapters().inventory().level(sku)).isEqualTo(new StockLevel(sku, 8, 0, 2));
    assertThat(enteredStates(execution)).containsExactly(
        "Validate", "Reserve", "Charge", "Dispatch", "Capture", "AwaitDelivery", "AwaitReceipt", "Complete");
  }

  @Test
  void aDeclinedCardIsCompensatedAsTheJsonPathWorkflowDoes() {
    String sku = product("12.00", 4);
    Order order = placeOrder("tok_chargeDeclined", ADDRESS, line(sku, 3));
    String execution = start(order, PATIENT);

    ExecutionDescription end = awaitEnd(execution);
    assertThat(end.status()).as("%s: %s", end.error(), end.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    Order cancelled = order(order.orderId());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(cancelled.statusReason()).isEqualTo(StatusReason.PAYMENT_DECLINED);
    assertThat(stack().adapters().inventory().level(sku)).isEqualTo(new StockLevel(sku, 4, 0));
    assertThat(enteredStates(execution)).isEqualTo(List.of(
        "Validate", "Reserve", "Charge", "PaymentWasDeclined", "VoidPayment", "ReleaseStock", "CloseCancelled", "Cancelled"));
  }
}
