package io.orderflow.api;

import static io.orderflow.api.ApiFixture.CUSTOMER;
import static io.orderflow.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.platform.Queue;
import io.orderflow.reserve.HoldLimit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /orders refuses early a customer who already holds as many units of a SKU as they may. */
class PlaceOrderHoldLimitTest {

  private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

  private final ApiFixture api = new ApiFixture();

  @Test
  void aCustomerWhoWouldGoOverTheLimitGets429WithRetryAfterAndNothingIsStored() {
    // The sample order wants 2 x SKU-1; the customer holds 19 of the 20 they may.
    api.inventory.setAvailable("SKU-1", 100);
    api.inventory.reserve("o-earlier", CUSTOMER, Map.of("SKU-1", 19), EXPIRES, HoldLimit.DEFAULT);

    APIGatewayProxyResponseEvent response = api.call("post-order.json");

    assertThat(response.getStatusCode()).isEqualTo(429);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(json(response).at("/error/message").asText()).contains("SKU-1");
    assertThat(response.getHeaders()).containsEntry("Retry-After", "60");
    assertThat(api.orders.findByCustomer(CUSTOMER, 10, null).items()).isEmpty();
    assertThat(api.queues.messages(Queue.ORDER_INTAKE)).isEmpty();

    // Once the earlier order's units are released, the same request (same key) places the order.
    api.inventory.release("o-earlier", List.of("SKU-1"));
    APIGatewayProxyResponseEvent retried = api.call("post-order.json");

    assertThat(retried.getStatusCode()).isEqualTo(202);
    assertThat(api.orders.findByCustomer(CUSTOMER, 10, null).items()).hasSize(1);
  }

  @Test
  void theLimitComesFromConfigurationAndCountsOnlyTheCallersOwnHolds() {
    api.inventory.setAvailable("SKU-1", 100);
    api.inventory.reserve("o-someone-else", "c-someone-else", Map.of("SKU-1", 20), EXPIRES, HoldLimit.DEFAULT);
    OrdersApiHandler strict = new OrdersApiHandler(api.orders, api.catalog, api.inventory, api.idempotency,
        api.callbacks, api.payments, api.clock, api.cors, new HoldLimit(1));

    APIGatewayProxyResponseEvent refused = strict.handleRequest(ApiFixture.event("post-order.json"), null);
    APIGatewayProxyResponseEvent placed = api.call("post-order.json");

    assertThat(refused.getStatusCode()).as("2 x SKU-1 is over a limit of 1").isEqualTo(429);
    assertThat(placed.getStatusCode()).as("someone else's 20 held units do not count").isEqualTo(202);
  }
}
