package io.orderflow.local;

import static io.orderflow.local.OverHttp.awaitStatus;
import static io.orderflow.local.OverHttp.place;
import static io.orderflow.local.OverHttp.types;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.local.cli.ApiClient;
import io.orderflow.local.cli.SampleOrders;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.platform.Workflow;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --data-dir}: an order in flight when the stack stops goes on when it starts again. */
class RestartEndToEndTest {

  @TempDir
  Path dataDir;

  private LocalStack start(boolean carrier) {
    return LocalStack.start(LocalStack.Options.defaults()
        .withPorts(0, 0, 0, 0)
        .withDataDir(dataDir)
        .withTimeScale(100)
        .withCarrierSimulator(carrier, Duration.ofSeconds(5)));
  }

  @Test
  void anOrderWaitingForTheCarrierIsDeliveredAfterARestart() {
    String customer = "restart-shopper";
    String orderId;
    try (LocalStack before = start(false)) {
      ApiClient shop = new ApiClient(before.apiEndpoint().orElseThrow(), before.tokens().issue(customer, false));
      orderId = place(shop, SampleOrders.happyPath());
      awaitStatus(shop, orderId, "DISPATCHED");
    }

    try (LocalStack after = start(true)) {
      ApiClient shop = new ApiClient(after.apiEndpoint().orElseThrow(), after.tokens().issue(customer, false));
      assertThat(after.resumedExecutions()).isEqualTo(1);

      awaitStatus(shop, orderId, "DELIVERED");
      assertThat(ApiClient.json(shop.post("/orders/" + orderId + "/confirm-receipt", null), 200)).isNotNull();
      awaitStatus(shop, orderId, "COMPLETED");

      assertThat(after.engine().describeExecution(after.executionArn(Workflow.ORDER_FULFILLMENT, orderId)).status())
          .isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(types(shop.timeline(orderId))).as("every step once, across the restart").containsExactly(
          "ORDER_PLACED", "ORDER_VALIDATED", "STOCK_RESERVED", "PAYMENT_AUTHORIZED", "ORDER_DISPATCHED",
          "PICKED_UP", "PAYMENT_CAPTURED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "ORDER_COMPLETED");
    }
  }
}
