package io.orderflow.local;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.cli.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the end-to-end tests share: the whole stack on free ports, and orders placed, awaited and
 * read over HTTP only, as a shop would.
 */
final class OverHttp {

  static final Duration SETTLES = Duration.ofSeconds(40);

  private OverHttp() {}

  /** Workflow time runs 100 times faster, so the simulated carrier scans a parcel every 50 ms. */
  static LocalStack startStack() {
    return LocalStack.start(LocalStack.Options.defaults()
        .withPorts(0, 0, 0, 0)
        .withTimeScale(100));
  }

  static String place(ApiClient client, Map<String, Object> order) {
    return ApiClient.json(client.placeOrder(UUID.randomUUID().toString(), order), 202).path("orderId").asText();
  }

  static JsonNode awaitStatus(ApiClient client, String orderId, String status) {
    return await("order " + orderId + " reaches " + status).atMost(SETTLES).pollInterval(Duration.ofMillis(100))
        .until(() -> client.order(orderId), order -> order.path("status").asText().equals(status));
  }

  /** GET /ops/inventory/{sku}: the units that can still be sold. */
  static int available(ApiClient ops, String sku) {
    return ApiClient.json(ops.get("/ops/inventory/" + sku), 200).path("available").asInt();
  }

  static List<String> types(List<JsonNode> events) {
    return events.stream().map(event -> event.path("type").asText()).toList();
  }
}
