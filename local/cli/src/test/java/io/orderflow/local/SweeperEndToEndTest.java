package io.orderflow.local;

import static io.orderflow.local.OverHttp.SETTLES;
import static io.orderflow.local.OverHttp.available;
import static io.orderflow.local.OverHttp.awaitStatus;
import static io.orderflow.local.OverHttp.place;
import static io.orderflow.local.OverHttp.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.cli.ApiClient;
import io.orderflow.local.cli.SampleOrders;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.local.sfn.HistoryEvent;
import io.orderflow.order.Order;
import io.orderflow.platform.Workflow;
import io.orderflow.sweep.SweepSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stranded-order sweeper on its local timer, over the whole stack: what a workflow leaves
 * behind when it stops without finishing its order is picked up within a few timer runs.
 */
class SweeperEndToEndTest {

  private static final String SHOPPER = "shopper-" + UUID.randomUUID();
  private static LocalStack stack;
  private static ApiClient shop;
  private static ApiClient ops;

  @BeforeAll
  static void start() {
    // Every 300 ms; any order whose workflow has stopped is stranded at once, and redriven once at most.
    SweepSettings settings = new SweepSettings(Duration.ZERO, SweepSettings.DEFAULTS.startWithin(), 1, 200);
    stack = LocalStack.start(LocalStack.Options.defaults()
        .withPorts(0, 0, 0, 0)
        .withTimeScale(100)
        .withSweeper(new LocalStack.Sweeper(Duration.ofMillis(300), settings)));
    shop = new ApiClient(stack.apiEndpoint().orElseThrow(), stack.tokens().issue(SHOPPER, false));
    ops = new ApiClient(stack.apiEndpoint().orElseThrow(), stack.tokens().issue("ops-1", true));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static Optional<String> holdToken(String orderId) {
    return stack.adapters().orders().find(orderId).flatMap(o -> o.parkedToken(Order.AwaitedEvent.Kind.HOLD_RELEASE));
  }

  @Test
  void aFailedExecutionIsRedrivenAndItsOrderCompletes() {
    String orderId = place(shop, SampleOrders.order("SKU-1", 1, "tok_riskReview", "62701"));
    awaitStatus(shop, orderId, "ON_HOLD");
    String firstToken = await().atMost(SETTLES).until(() -> holdToken(orderId), Optional::isPresent).orElseThrow();
    String execution = stack.executionArn(Workflow.ORDER_FULFILLMENT, orderId);

    // Every failing task now ends in a Catch, so what still stops a workflow half-way is outside it:
    // someone stops the execution in the console (or the service times it out) while it waits.
    stack.engine().stopExecution(execution, "Console.Stop", "stopped by hand while the order waited for review");

    // The sweeper redrives it: AwaitHoldRelease runs again and parks a new token.
    String secondToken = await().atMost(SETTLES).until(() -> holdToken(orderId),
        token -> token.isPresent() && !token.get().equals(firstToken)).orElseThrow();
    assertThat(secondToken).isNotEqualTo(firstToken);
    assertThat(stack.engine().describeExecution(execution).redriveCount()).isEqualTo(1);
    assertThat(stack.engine().describeExecution(execution).status()).isEqualTo(ExecutionStatus.RUNNING);

    ApiClient.json(ops.post("/ops/orders/" + orderId + "/release-hold", null), 200);
    awaitStatus(shop, orderId, "DELIVERED");
    ApiClient.json(shop.post("/orders/" + orderId + "/confirm-receipt", null), 200);
    JsonNode completed = awaitStatus(shop, orderId, "COMPLETED");
    await().atMost(SETTLES).until(() -> stack.engine().describeExecution(execution).status() == ExecutionStatus.SUCCEEDED);

    assertThat(completed.path("statusReason").asText()).isEqualTo("CUSTOMER_CONFIRMED");
    List<String> history = stack.engine().getExecutionHistory(execution).stream().map(HistoryEvent::type).toList();
    assertThat(history).containsSubsequence("ExecutionAborted", "ExecutionRedriven", "ExecutionSucceeded");
    assertThat(history).containsOnlyOnce("ExecutionRedriven", "ExecutionStarted");
    assertThat(types(shop.timeline(orderId))).containsOnlyOnce("STOCK_RESERVED", "PAYMENT_HELD").doesNotContain("SWEPT");
  }

  @Test
  void anExecutionThatKeepsFailingIsCompensatedAfterItsRedrive() {
    int before = available(ops, "SKU-2");
    String orderId = place(shop, SampleOrders.order("SKU-2", 2, "tok_riskReview", "62701"));
    awaitStatus(shop, orderId, "ON_HOLD");
    assertThat(available(ops, "SKU-2")).isEqualTo(before - 2);
    String firstToken = await().atMost(SETTLES).until(() -> holdToken(orderId), Optional::isPresent).orElseThrow();
    String execution = stack.executionArn(Workflow.ORDER_FULFILLMENT, orderId);
    stack.engine().stopExecution(execution, "Console.Stop", "stopped by hand");
    String secondToken = await().atMost(SETTLES).until(() -> holdToken(orderId),
        token -> token.isPresent() && !token.get().equals(firstToken)).orElseThrow();

    // It is stopped again: redriven as often as allowed, so the sweeper compensates instead.
    assertThat(secondToken).isNotEqualTo(firstToken);
    stack.engine().stopExecution(execution, "Console.Stop", "stopped by hand again");
    JsonNode cancelled = awaitStatus(shop, orderId, "CANCELLED");

    assertThat(cancelled.path("statusReason").asText()).isEqualTo("INTERNAL_ERROR");
    assertThat(cancelled.path("payment").path("status").asText()).isEqualTo("VOIDED");
    await().atMost(SETTLES).untilAsserted(() -> assertThat(available(ops, "SKU-2")).isEqualTo(before));
    List<JsonNode> timeline = shop.timeline(orderId);
    assertThat(types(timeline)).containsSubsequence("PAYMENT_VOIDED", "STOCK_RELEASED", "ORDER_CANCELLED", "SWEPT")
        .containsOnlyOnce("SWEPT", "STOCK_RELEASED", "PAYMENT_VOIDED");
    JsonNode swept = timeline.stream().filter(e -> e.path("type").asText().equals("SWEPT")).findFirst().orElseThrow();
    assertThat(swept.toString()).contains("COMPENSATED").contains("redriven 1 times already");
    assertThat(stack.engine().describeExecution(execution).status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(stack.engine().describeExecution(execution).redriveCount()).isEqualTo(1);
  }
}
