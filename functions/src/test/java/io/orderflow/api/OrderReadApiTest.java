package io.orderflow.api;

import static io.orderflow.api.ApiFixture.CUSTOMER;
import static io.orderflow.api.ApiFixture.ORDER_ID;
import static io.orderflow.api.ApiFixture.event;
import static io.orderflow.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Shipment;
import io.orderflow.order.TimelineEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderReadApiTest {

  private final ApiFixture api = new ApiFixture();

  @Test
  void anOrderIsShownAsTheApiDescribesIt() {
    api.seed(OrderStatus.PENDING);

    APIGatewayProxyResponseEvent response = api.call("get-order.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8");
    JsonNode order = json(response);
    assertThat(order.get("orderId").asText()).isEqualTo(ORDER_ID);
    assertThat(order.get("customerId").asText()).isEqualTo(CUSTOMER);
    assertThat(order.get("status").asText()).isEqualTo("PENDING");
    assertThat(order.get("statusReason").isNull()).isTrue();
    assertThat(order.at("/lines/0/unitPrice/amount").asText()).isEqualTo("29.90");
    assertThat(order.at("/total/amount").asText()).isEqualTo("59.80");
    assertThat(order.at("/shippingAddress/city").asText()).isEqualTo("Springfield");
    assertThat(order.at("/payment/status").asText()).isEqualTo("NONE");
    assertThat(order.at("/payment/authorized/amount").asText()).isEqualTo("0.00");
    assertThat(order.get("shipment").isNull()).isTrue();
    assertThat(order.get("createdAt").asText()).isEqualTo("2026-11-23T03:00:00Z");
    // Tokens and internals stay inside.
    assertThat(order.toString()).doesNotContain("tok_visa").doesNotContain("version").doesNotContain("awaiting");
  }

  @Test
  void paymentAndShipmentComeFromTheLedgerAndTheParcel() {
    Order seeded = api.seed(OrderStatus.IN_TRANSIT);
    Money total = Money.of("59.80", "USD");
    Instant now = api.clock.instant();
    api.orders.update(seeded.inOneVersion(order -> order
        .withLedger(order.ledger().authorize("auth-1", total, "pay_1", now).capture("cap-1", total, "pay_2", now), now)
        .withShipment(new Shipment("simcarrier", "SIM123456", "IN_TRANSIT", LocalDate.parse("2026-11-27"), null, null),
            now)), List.of());

    JsonNode order = json(api.call("get-order.json"));

    assertThat(order.at("/payment/status").asText()).isEqualTo("CAPTURED");
    assertThat(order.at("/payment/captured/amount").asText()).isEqualTo("59.80");
    assertThat(order.at("/payment/refunded/amount").asText()).isEqualTo("0.00");
    assertThat(order.at("/shipment/carrier").asText()).isEqualTo("simcarrier");
    assertThat(order.at("/shipment/trackingNumber").asText()).isEqualTo("SIM123456");
    assertThat(order.at("/shipment/status").asText()).isEqualTo("IN_TRANSIT");
    assertThat(order.at("/shipment/eta").asText()).isEqualTo("2026-11-27");
  }

  @Test
  void anotherCustomersOrderIsNotFoundExactlyLikeAMissingOne() {
    api.seed(ORDER_ID, "another-customer", OrderStatus.PENDING);
    APIGatewayProxyResponseEvent theirs = api.call("get-order.json");
    APIGatewayProxyResponseEvent missing = api.call(pathOrder(event("get-order.json"), "no-such-order"));

    assertThat(theirs.getStatusCode()).isEqualTo(404);
    assertThat(json(theirs).at("/error/code").asText()).isEqualTo("NOT_FOUND");
    assertThat(theirs.getBody()).isEqualTo(missing.getBody());
    assertThat(api.call("get-timeline.json").getStatusCode()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "a/../b", "ord%00"})
  void anOrderIdOfAnotherShapeIsNotFound(String orderId) {
    assertThat(api.call(pathOrder(event("get-order.json"), orderId)).getStatusCode()).isEqualTo(404);
  }

  @Test
  void aHugeOrderIdIsNotFoundBeforeItReachesTheStore() {
    assertThat(api.call(pathOrder(event("get-order.json"), "x".repeat(5_000))).getStatusCode()).isEqualTo(404);
  }

  @Test
  void theTimelineListsEventsOldestFirst() {
    api.seed(OrderStatus.RESERVED);

    JsonNode events = json(api.call("get-timeline.json")).get("events");

    assertThat(events).extracting(event -> event.get("type").asText())
        .containsExactly("ORDER_PLACED", "VALIDATED", "RESERVED");
    assertThat(events.get(0).get("status").asText()).isEqualTo("PENDING");
    assertThat(events.get(0).get("at").asText()).isEqualTo("2026-11-23T03:00:00Z");
    assertThat(events.get(0).get("detail").isObject()).isTrue();
  }

  @Test
  void myOrdersArePagedNewestFirst() {
    for (String id : List.of("order-a", "order-b", "order-c")) {
      api.seed(id, CUSTOMER, OrderStatus.PENDING);
      api.clock.advance(Duration.ofMinutes(1));
    }
    api.seed("order-theirs", "another-customer", OrderStatus.PENDING);

    JsonNode first = json(api.call(limit(event("list-orders.json"), "2")));
    APIGatewayProxyRequestEvent next = limit(event("list-orders.json"), "2");
    next.getQueryStringParameters().put("cursor", first.get("nextCursor").asText());
    JsonNode second = json(api.call(next));

    assertThat(first.get("orders")).extracting(order -> order.get("orderId").asText())
        .containsExactly("order-c", "order-b");
    assertThat(second.get("orders")).extracting(order -> order.get("orderId").asText())
        .containsExactly("order-a");
    assertThat(second.get("nextCursor").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "-5", "ten", "2.5", ""})
  void aLimitOutside1To100IsRefused(String limit) {
    APIGatewayProxyResponseEvent response = api.call(limit(event("list-orders.json"), limit));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("limit");
  }

  @Test
  void theDefaultLimitIs20() {
    for (int i = 0; i < 25; i++) {
      api.seed("order-" + i, CUSTOMER, OrderStatus.PENDING);
    }
    APIGatewayProxyRequestEvent event = event("list-orders.json");
    event.getQueryStringParameters().remove("limit");

    assertThat(json(api.call(event)).get("orders")).hasSize(20);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not a cursor!", "bm90IGpzb24", "eyJsaXN0IjoiY3VzdG9tZXI6c29tZW9uZS1lbHNlIiwiYWZ0ZXIiOiIyIn0",
      // base64 of null, [], 3 and {}: JSON, but no token
      "bnVsbA", "W10", "Mw", "e30"})
  void aCursorThatIsNotOneOfThisListIsRefused(String cursor) {
    APIGatewayProxyRequestEvent event = event("list-orders.json");
    event.getQueryStringParameters().put("cursor", cursor);

    APIGatewayProxyResponseEvent response = api.call(event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("cursor");
  }

  @Test
  void aForgedCursorForMyListIsRefusedNotAFailure() {
    String forged = "{\"list\":\"customer:" + CUSTOMER + "\",\"after\":\"DROP TABLE\"}";
    APIGatewayProxyRequestEvent event = event("list-orders.json");
    event.getQueryStringParameters().put("cursor",
        Base64.getUrlEncoder().encodeToString(forged.getBytes(StandardCharsets.UTF_8)));

    assertThat(api.call(event).getStatusCode()).isEqualTo(400);
  }

  @Test
  void aTimelineEventKeepsItsDetail() {
    api.seed(OrderStatus.PENDING);
    Order order = api.orders.find(ORDER_ID).orElseThrow();
    api.orders.update(order.moveTo(OrderStatus.REJECTED, null, api.clock.instant()), List.of(new TimelineEvent(
        api.clock.instant(), "ORDER_REJECTED", OrderStatus.REJECTED, Map.of("reason", "UNKNOWN_SKU"))));

    JsonNode events = json(api.call("get-timeline.json")).get("events");

    assertThat(events.get(1).at("/detail/reason").asText()).isEqualTo("UNKNOWN_SKU");
  }

  private static APIGatewayProxyRequestEvent pathOrder(APIGatewayProxyRequestEvent event, String orderId) {
    event.getPathParameters().put("orderId", orderId);
    return event.withPath("/orders/" + orderId);
  }

  private static APIGatewayProxyRequestEvent limit(APIGatewayProxyRequestEvent event, String limit) {
    event.getQueryStringParameters().put("limit", limit);
    return event;
  }
}
