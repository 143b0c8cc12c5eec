package io.orderflow.api;

import static io.orderflow.api.ApiFixture.OPS_USER;
import static io.orderflow.api.ApiFixture.event;
import static io.orderflow.api.ApiFixture.json;
import static io.orderflow.api.ApiFixture.withClaims;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.ApiRoutes;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may call what: 401 without a verified subject, 403 on ops routes without the ops group. */
class ApiAccessTest {

  private static final String[] EVERY_ROUTE = {
    "post-order.json", "get-order.json", "list-orders.json", "get-timeline.json", "cancel-order.json",
    "confirm-receipt.json", "ops-put-catalog.json", "ops-put-inventory.json", "ops-get-inventory.json",
    "ops-list-orders.json", "ops-release-hold.json"
  };

  /** The one route anyone may call: probes and the CLI ask it whether orderflow answers. */
  private static final String HEALTH = "health.json";

  private final ApiFixture api = new ApiFixture();

  @Test
  void theSampleEventsCoverEveryRouteOfTheApiFunction() {
    List<String> sampled = Stream.concat(Arrays.stream(EVERY_ROUTE), Stream.of(HEALTH))
        .map(ApiFixture::event)
        .map(event -> event.getHttpMethod() + " " + event.getResource())
        .toList();

    assertThat(sampled).containsExactlyInAnyOrderElementsOf(ApiRoutes.ALL.stream()
        .filter(route -> route.function() == LambdaFunction.API)
        .map(route -> route.method() + " " + route.path())
        .toList());
  }

  static String[] everyRoute() {
    return EVERY_ROUTE;
  }

  @ParameterizedTest
  @MethodSource("everyRoute")
  void everyRouteNeedsAVerifiedSubject(String eventName) {
    api.seed(OrderStatus.ON_HOLD);
    APIGatewayProxyRequestEvent event = event(eventName);
    event.getRequestContext().setAuthorizer(null);

    APIGatewayProxyResponseEvent response = api.call(event);

    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("UNAUTHORIZED");
    assertThat(api.orders.find(ApiFixture.ORDER_ID).orElseThrow().status()).isEqualTo(OrderStatus.ON_HOLD);
    assertThat(api.queues.messages(Queue.ORDER_INTAKE)).isEmpty();
  }

  @Test
  void healthAnswersWithoutACallerAndReadsNothing() {
    APIGatewayProxyRequestEvent event = event(HEALTH);

    APIGatewayProxyResponseEvent response = api.call(event);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asText()).isEqualTo("ok");
    assertThat(ApiRoutes.ALL).filteredOn(route -> !route.requiresToken())
        .extracting(route -> route.method() + " " + route.path())
        .containsExactlyInAnyOrder("GET /health", "POST /carriers/{carrier}/events");
  }

  @Test
  void claimsWithoutASubjectAreUnauthorized() {
    APIGatewayProxyRequestEvent event = withClaims(event("list-orders.json"), Map.of("email", "li.lei@mail.example"));

    assertThat(api.call(event).getStatusCode()).isEqualTo(401);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "ops-put-catalog.json", "ops-put-inventory.json", "ops-get-inventory.json", "ops-list-orders.json",
      "ops-release-hold.json"})
  void aCustomerIsForbiddenOnOpsRoutes(String eventName) {
    api.seed(OrderStatus.ON_HOLD);
    APIGatewayProxyRequestEvent event = withClaims(event(eventName), Map.of("sub", ApiFixture.CUSTOMER));

    APIGatewayProxyResponseEvent response = api.call(event);

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("FORBIDDEN");
    assertThat(api.orders.find(ApiFixture.ORDER_ID).orElseThrow().status()).isEqualTo(OrderStatus.ON_HOLD);
    assertThat(api.catalog.find("SKU-1").orElseThrow().name()).isEqualTo("Item SKU-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ops", "[\"ops\"]", "[\"admin\",\"ops\"]"})
  void theOpsGroupIsFoundExactlyAloneOrInAJsonArray(String groups) {
    APIGatewayProxyRequestEvent event =
        withClaims(event("ops-get-inventory.json"), Map.of("sub", OPS_USER, "cognito:groups", groups));

    assertThat(api.call(event).getStatusCode()).isEqualTo(200);
  }

  @Test
  void theOpsGroupIsFoundInAJsonList() {
    APIGatewayProxyRequestEvent event = withClaims(
        event("ops-get-inventory.json"), Map.of("sub", OPS_USER, "cognito:groups", List.of("admin", "ops")));

    assertThat(api.call(event).getStatusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "opsx", "[admin]", "devops,admin", "OPS",
      // Cognito group names may hold commas and a claim is never trimmed: none of these is "ops".
      " ops", "ops ", " ops ", "x,ops", "ops,admin", "admin,ops", "[ops admin]", "[\" ops\"]", "[\"x,ops\"]",
      "[\"ops"})
  void otherGroupsAreForbidden(String groups) {
    APIGatewayProxyRequestEvent event =
        withClaims(event("ops-get-inventory.json"), Map.of("sub", OPS_USER, "cognito:groups", groups));

    assertThat(api.call(event).getStatusCode()).isEqualTo(403);
  }

  @Test
  void aListElementThatOnlyLooksLikeOpsIsForbidden() {
    for (List<String> groups : List.of(List.of(" ops"), List.of("x,ops"), List.of("OPS", "ops "))) {
      APIGatewayProxyRequestEvent event = withClaims(
          event("ops-get-inventory.json"), Map.of("sub", OPS_USER, "cognito:groups", groups));

      assertThat(api.call(event).getStatusCode()).as(groups.toString()).isEqualTo(403);
    }
  }

  @Test
  void aPathNoRouteServesIsNotFound() {
    APIGatewayProxyResponseEvent response = api.call(event("list-orders.json").withPath("/orders/a/b/c"));

    assertThat(response.getStatusCode()).isEqualTo(404);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("NOT_FOUND");
  }

  @Test
  void aMethodNoRouteServesIsNotFound() {
    assertThat(api.call(event("list-orders.json").withHttpMethod("DELETE")).getStatusCode()).isEqualTo(404);
  }

  @Test
  void aTrailingSlashMatchesTheSameRoute() {
    api.seed(OrderStatus.PENDING);

    assertThat(api.call(event("get-order.json").withPath("/orders/" + ApiFixture.ORDER_ID + "/")).getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void anUnexpectedFailureIsA500InTheErrorShape() {
    OrderRepository unreachable = (OrderRepository) Proxy.newProxyInstance(
        OrderRepository.class.getClassLoader(), new Class<?>[] {OrderRepository.class},
        (proxy, method, args) -> {
          throw new IllegalStateException("table unreachable");
        });
    OrdersApiHandler handler = new OrdersApiHandler(
        unreachable, api.catalog, api.inventory, api.idempotency, api.callbacks, api.payments, api.clock, api.cors);

    APIGatewayProxyResponseEvent response = handler.handleRequest(event("get-order.json"), null);

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("INTERNAL_ERROR");
    assertThat(json(response).at("/error/details").isArray()).isTrue();
  }

  @Test
  void answersCarryCorsHeadersForTheShopsOriginOnly() {
    api.seed(OrderStatus.PAID);
    APIGatewayProxyRequestEvent fromShop = event("get-order.json");
    fromShop.setHeaders(Map.of("origin", "https://shop.example.com"));
    APIGatewayProxyRequestEvent unauthenticated = event("get-order.json");
    unauthenticated.setHeaders(Map.of("Origin", "https://shop.example.com"));
    unauthenticated.getRequestContext().setAuthorizer(null);
    APIGatewayProxyRequestEvent fromElsewhere = event("get-order.json");
    fromElsewhere.setHeaders(Map.of("Origin", "https://evil.example"));

    assertThat(api.call(fromShop).getHeaders())
        .containsEntry("Access-Control-Allow-Origin", "https://shop.example.com")
        .containsEntry("Content-Type", "application/json; charset=utf-8");
    // Errors too: without the header a browser script could not read the error body.
    APIGatewayProxyResponseEvent refused = api.call(unauthenticated);
    assertThat(refused.getStatusCode()).isEqualTo(401);
    assertThat(refused.getHeaders()).containsEntry("Access-Control-Allow-Origin", "https://shop.example.com");
    assertThat(api.call(fromElsewhere).getHeaders())
        .doesNotContainKey("Access-Control-Allow-Origin")
        .containsEntry("Vary", "Origin");
  }
}
