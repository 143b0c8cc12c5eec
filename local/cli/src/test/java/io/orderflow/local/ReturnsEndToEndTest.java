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
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After-sales over HTTP on the whole stack: an order delivered by the simulated carrier, part of it
 * sent back by the shopper, received and inspected by ops, and the return workflow settling it.
 */
class ReturnsEndToEndTest {

  private static LocalStack stack;
  private static ApiClient shop;
  private static ApiClient ops;

  @BeforeAll
  static void start() {
    stack = OverHttp.startStack();
    shop = new ApiClient(stack.apiEndpoint().orElseThrow(), stack.tokens().issue("shopper-" + UUID.randomUUID(), false));
    ops = new ApiClient(stack.apiEndpoint().orElseThrow(), stack.tokens().issue("ops-1", true));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void aRefundedReturnPaysBackTheUnitAndPutsItBackOnSale() {
    String orderId = place(shop, SampleOrders.happyPath());
    awaitStatus(shop, orderId, "DELIVERED");
    int availableBefore = available(ops, "SKU-1");

    String returnId = requestReturn(orderId, SampleOrders.returnOf("SKU-1", 1, "DAMAGED", "REFUND"));
    receiveAndInspect(returnId, SampleOrders.inspection("SKU-1", 1, "RESELLABLE"));
    JsonNode refunded = awaitReturn(returnId, "REFUNDED");

    assertThat(refunded.path("refund").path("amount").asText()).isEqualTo("29.90");
    assertThat(refunded.path("refund").path("currency").asText()).isEqualTo("USD");
    JsonNode payment = shop.order(orderId).path("payment");
    assertThat(payment.path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(payment.path("captured").path("amount").asText()).isEqualTo("59.80");
    assertThat(payment.path("refunded").path("amount").asText()).isEqualTo("29.90");
    // Restocking follows the status change: the unit comes back on sale a moment later.
    await().atMost(SETTLES).untilAsserted(() -> assertThat(available(ops, "SKU-1")).isEqualTo(availableBefore + 1));
    assertThat(types(shop.timeline(orderId))).containsSubsequence(
        "DELIVERED", "RETURN_REQUESTED", "RETURN_APPROVED", "RETURN_RECEIVED", "RETURN_INSPECTED", "PAYMENT_REFUNDED",
        "RETURN_REFUNDED");
  }

  @Test
  void anExchangeShipsAReplacementThroughTheCarrierAndRefundsNothing() {
    String orderId = place(shop, SampleOrders.order("SKU-3", 2, "tok_visa", SampleOrders.DELIVERABLE_POSTAL_CODE));
    awaitStatus(shop, orderId, "DELIVERED");
    int availableBefore = available(ops, "SKU-3");

    String returnId = requestReturn(orderId, SampleOrders.returnOf("SKU-3", 1, "SIZE", "EXCHANGE"));
    receiveAndInspect(returnId, SampleOrders.inspection("SKU-3", 1, "RESELLABLE"));
    JsonNode exchanged = awaitReturn(returnId, "EXCHANGED");

    String replacementId = exchanged.path("replacementOrderId").asText();
    assertThat(replacementId).isNotBlank().isNotEqualTo(orderId);
    assertThat(exchanged.path("refund").isNull()).as("an exchange refunds nothing: %s", exchanged).isTrue();
    JsonNode replacement = shop.order(replacementId);
    assertThat(replacement.path("lines").get(0).path("sku").asText()).isEqualTo("SKU-3");
    assertThat(replacement.path("lines").get(0).path("quantity").asInt()).isEqualTo(1);
    assertThat(types(shop.timeline(replacementId))).contains("ORDER_DISPATCHED", "PICKED_UP");
    assertThat(shop.order(orderId).path("payment").path("refunded").path("amount").asText()).isEqualTo("0.00");
    // One unit left for the replacement, the resellable one came back.
    await().atMost(SETTLES).untilAsserted(() -> assertThat(available(ops, "SKU-3")).isEqualTo(availableBefore));
  }

  private static String requestReturn(String orderId, Map<String, Object> request) {
    JsonNode accepted = ApiClient.json(shop.post("/orders/" + orderId + "/returns", request), 202);
    assertThat(accepted.path("status").asText()).isEqualTo("REQUESTED");
    return accepted.path("returnId").asText();
  }

  /** Ops receive the parcel once the return is approved (within the policy, at once), then inspect it. */
  private static void receiveAndInspect(String returnId, Map<String, Object> inspection) {
    awaitReturn(returnId, "APPROVED");
    assertThat(ApiClient.json(ops.post("/ops/returns/" + returnId + "/receive", null), 200).path("status").asText())
        .isEqualTo("RECEIVED");
    assertThat(ApiClient.json(ops.post("/ops/returns/" + returnId + "/inspection", inspection), 200)
        .path("status").asText()).isEqualTo("INSPECTED");
  }

  private static JsonNode awaitReturn(String returnId, String status) {
    return await("return " + returnId + " reaches " + status).atMost(SETTLES).pollInterval(Duration.ofMillis(100))
        .until(() -> ApiClient.json(shop.get("/returns/" + returnId), 200),
            found -> found.path("status").asText().equals(status));
  }
}
