package io.orderflow.api;

import static io.orderflow.api.ApiFixture.CUSTOMER;
import static io.orderflow.api.ApiFixture.body;
import static io.orderflow.api.ApiFixture.event;
import static io.orderflow.api.ApiFixture.json;
import static io.orderflow.api.ApiFixture.withBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import io.orderflow.order.OrderStatus;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpsApiTest {

  private final ApiFixture api = new ApiFixture();

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"bnVsbA", "W10", "e30", "!!!", "AAAA"})
  void aCursorThatIsNoTokenOfTheStatusListAnswers400(String cursor) {
    APIGatewayProxyRequestEvent event = event("ops-list-orders.json");
    event.getQueryStringParameters().put("cursor", cursor);

    APIGatewayProxyResponseEvent response = api.call(event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("cursor");
  }

  @Test
  void opsPutACatalogItem() {
    APIGatewayProxyResponseEvent response = api.call("ops-put-catalog.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode item = json(response);
    assertThat(item.get("sku").asText()).isEqualTo("SKU-1");
    assertThat(item.get("name").asText()).isEqualTo("Enamel mug, 350 ml");
    assertThat(item.at("/unitPrice/amount").asText()).isEqualTo("29.90");
    assertThat(item.get("active").asBoolean()).isTrue();
    assertThat(api.catalog.find("SKU-1")).contains(
        new CatalogItem("SKU-1", "Enamel mug, 350 ml", Money.of("29.90", "USD"), true));
  }

  @Test
  void aCurrencyWithoutMinorUnitsTakesWholeAmounts() {
    ObjectNode item = body(event("ops-put-catalog.json"));
    item.with("unitPrice").put("amount", "1500").put("currency", "JPY");

    assertThat(api.call(withBody(event("ops-put-catalog.json"), item)).getStatusCode()).isEqualTo(200);
    assertThat(api.catalog.find("SKU-1").orElseThrow().unitPrice()).isEqualTo(Money.of("1500", "JPY"));
  }

  static Stream<Arguments> badCatalogItems() {
    return Stream.of(
        bad(b -> price(b).put("amount", 29.9), "unitPrice.amount", "must be a string"),
        bad(b -> price(b).put("amount", "29.999"), "unitPrice.amount", "more decimals than USD"),
        bad(b -> price(b).put("amount", "100.5").put("currency", "JPY"), "unitPrice.amount", "more decimals than JPY"),
        bad(b -> price(b).put("amount", "0.00"), "unitPrice.amount", "must be positive"),
        bad(b -> price(b).put("amount", "-1.00"), "unitPrice.amount", "decimal string"),
        bad(b -> price(b).put("amount", "1e3"), "unitPrice.amount", "decimal string"),
        bad(b -> price(b).put("currency", "usd"), "unitPrice.currency", "ISO 4217"),
        bad(b -> price(b).put("currency", "ABC"), "unitPrice.currency", "ISO 4217"),
        bad(b -> price(b).put("currency", "XAU"), "unitPrice.currency", "ISO 4217"),
        bad(b -> price(b).put("discount", "5"), "unitPrice.discount", "is not a known field"),
        bad(b -> b.remove("unitPrice"), "unitPrice", "is required"),
        bad(b -> b.remove("name"), "name", "is required"),
        bad(b -> b.put("active", "yes"), "active", "true or false"),
        bad(b -> b.put("stock", 5), "stock", "is not a known field"));
  }

  @ParameterizedTest
  @MethodSource("badCatalogItems")
  void aBadCatalogItemIsRefusedAndNotStored(Consumer<ObjectNode> breakIt, String field, String problem) {
    ObjectNode item = body(event("ops-put-catalog.json"));
    breakIt.accept(item);

    APIGatewayProxyResponseEvent response = api.call(withBody(event("ops-put-catalog.json"), item));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details")).anySatisfy(detail -> {
      assertThat(detail.get("field").asText()).isEqualTo(field);
      assertThat(detail.get("problem").asText()).contains(problem);
    });
    assertThat(api.catalog.find("SKU-1").orElseThrow().name()).isEqualTo("Item SKU-1");
  }

  @Test
  void aSkuOfAnotherShapeInThePathIsRefused() {
    APIGatewayProxyRequestEvent event = event("ops-put-catalog.json").withPath("/ops/catalog/SKU%201");

    APIGatewayProxyResponseEvent response = api.call(event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("sku");
  }

  @Test
  void opsCountStockAndReadItBack() {
    APIGatewayProxyResponseEvent put = api.call("ops-put-inventory.json");
    APIGatewayProxyResponseEvent get = api.call("ops-get-inventory.json");

    assertThat(put.getStatusCode()).isEqualTo(200);
    assertThat(put.getBody()).isEqualTo("{\"sku\":\"SKU-1\",\"available\":100,\"reserved\":0,\"shipped\":0}");
    assertThat(get.getStatusCode()).isEqualTo(200);
    assertThat(get.getBody()).isEqualTo(put.getBody());
    assertThat(api.inventory.level("SKU-1").available()).isEqualTo(100);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1_000_000})
  void stockCountsFrom0To1000000(int available) {
    ObjectNode stock = body(event("ops-put-inventory.json")).put("available", available);

    assertThat(api.call(withBody(event("ops-put-inventory.json"), stock)).getStatusCode()).isEqualTo(200);
    assertThat(api.inventory.level("SKU-1").available()).isEqualTo(available);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"available\": -1}", "{\"available\": 1000001}", "{\"available\": 1.5}",
      "{\"available\": \"10\"}", "{}", "{\"available\": 5, \"reserved\": 0}"})
  void aBadStockCountIsRefusedAndNotStored(String body) {
    api.inventory.setAvailable("SKU-1", 7);

    APIGatewayProxyResponseEvent response = api.call(withBody(event("ops-put-inventory.json"), body));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(api.inventory.level("SKU-1").available()).isEqualTo(7);
  }

  @Test
  void theStockOfASkuNobodyListedOrStockedIsNotFound() {
    APIGatewayProxyRequestEvent event = event("ops-get-inventory.json").withPath("/ops/inventory/SKU-NEVER");

    assertThat(api.call(event).getStatusCode()).isEqualTo(404);
  }

  @Test
  void aListedSkuWithoutStockShowsZero() {
    APIGatewayProxyRequestEvent event = event("ops-get-inventory.json").withPath("/ops/inventory/SKU-2");

    APIGatewayProxyResponseEvent response = api.call(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).get("available").asInt()).isZero();
  }

  @Test
  void opsListOrdersInAStatus() {
    api.seed("held-1", CUSTOMER, OrderStatus.ON_HOLD);
    api.seed("held-2", "another-customer", OrderStatus.ON_HOLD);
    api.seed("paid-1", CUSTOMER, OrderStatus.PAID);

    APIGatewayProxyResponseEvent response = api.call("ops-list-orders.json");

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).get("orders")).extracting(order -> order.get("orderId").asText())
        .containsExactlyInAnyOrder("held-1", "held-2");
    assertThat(json(response).get("nextCursor").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "on_hold", "LOST"})
  void listingOrdersNeedsAKnownStatus(String status) {
    APIGatewayProxyRequestEvent event = event("ops-list-orders.json");
    event.getQueryStringParameters().put("status", status);

    APIGatewayProxyResponseEvent response = api.call(event);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("status");
  }

  @Test
  void listingOrdersWithoutAStatusIsRefused() {
    APIGatewayProxyRequestEvent event = event("ops-list-orders.json");
    event.getQueryStringParameters().remove("status");

    assertThat(api.call(event).getStatusCode()).isEqualTo(400);
  }

  private static Arguments bad(Consumer<ObjectNode> breakIt, String field, String problem) {
    return Arguments.of(breakIt, field, problem);
  }

  private static ObjectNode price(ObjectNode item) {
    return item.with("unitPrice");
  }
}
