package io.orderflow.api;

import static io.orderflow.api.ApiFixture.CUSTOMER;
import static io.orderflow.api.ApiFixture.body;
import static io.orderflow.api.ApiFixture.event;
import static io.orderflow.api.ApiFixture.json;
import static io.orderflow.api.ApiFixture.line;
import static io.orderflow.api.ApiFixture.withBody;
import static io.orderflow.api.ApiFixture.withClaims;
import static io.orderflow.api.ApiFixture.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.idempotency.Idempotency;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PlaceOrderApiTest {

  private final ApiFixture api = new ApiFixture();

  @Test
  void storesAPendingOrderPricedFromTheCatalogAndEnqueuesIt() {
    APIGatewayProxyResponseEvent response = api.call("post-order.json");

    assertThat(response.getStatusCode()).isEqualTo(202);
    JsonNode body = json(response);
    String orderId = body.get("orderId").asText();
    assertThat(response.getHeaders()).containsEntry("Location", "/orders/" + orderId);
    assertThat(body.get("status").asText()).isEqualTo("PENDING");
    assertThat(body.get("total").get("amount").asText()).isEqualTo("72.30");
    assertThat(body.get("total").get("currency").asText()).isEqualTo("USD");

    Order stored = api.orders.find(orderId).orElseThrow();
    assertThat(stored.customerId()).isEqualTo(CUSTOMER);
    assertThat(stored.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(stored.lines()).extracting(line -> line.unitPrice())
        .containsExactly(Money.of("29.90", "USD"), Money.of("12.50", "USD"));
    assertThat(stored.invoice().taxId()).isEqualTo("91310000MA1K000000");
    assertThat(api.orders.timeline(orderId)).singleElement()
        .satisfies(event -> assertThat(event.type()).isEqualTo("ORDER_PLACED"));
    assertThat(api.queues.messages(Queue.ORDER_INTAKE)).singleElement()
        .satisfies(message -> assertThat(Json.write(message)).isEqualTo("{\"orderId\":\"" + orderId + "\"}"));
  }

  @Test
  void theSameKeyAndBodyAnswersTheSameOrderWithoutPlacingItAgain() {
    JsonNode first = json(api.call("post-order.json"));
    APIGatewayProxyResponseEvent again = api.call("post-order.json");

    assertThat(again.getStatusCode()).isEqualTo(202);
    assertThat(json(again)).isEqualTo(first);
    assertThat(api.orders.findByCustomer(CUSTOMER, 10, null).items()).hasSize(1);
    assertThat(api.queues.messages(Queue.ORDER_INTAKE)).hasSize(1);
  }

  @Test
  void aRetryThatFormatsTheSameOrderDifferentlyIsTheSameRequest() {
    String orderId = json(api.call("post-order.json")).get("orderId").asText();
    ObjectNode reordered = Json.MAPPER.createObjectNode();
    ObjectNode original = body(event("post-order.json"));
    // Other field order, no whitespace, and the default shipping speed left out.
    List.of("invoice", "payment", "shippingAddress", "lines").forEach(field -> reordered.set(field, original.get(field)));

    APIGatewayProxyResponseEvent retry = api.call(withBody(event("post-order.json"), reordered.toString()));

    assertThat(retry.getStatusCode()).isEqualTo(202);
    assertThat(json(retry).get("orderId").asText()).isEqualTo(orderId);
  }

  @Test
  void theSameKeyWithAnotherBodyIsRefused() {
    api.call("post-order.json");
    ObjectNode changed = body(event("post-order.json"));
    line(changed, 0).put("quantity", 3);

    APIGatewayProxyResponseEvent response = api.call(withBody(event("post-order.json"), changed));

    assertThat(response.getStatusCode()).isEqualTo(422);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(api.orders.findByCustomer(CUSTOMER, 10, null).items())
        .singleElement().satisfies(order -> assertThat(order.lines().get(0).quantity()).isEqualTo(2));
  }

  @Test
  void aKeyWhoseFirstRequestIsStillRunningAfterTenSecondsAnswersConflictWithRetryAfter() {
    APIGatewayProxyRequestEvent event = event("post-order.json");
    String hash = Idempotency.hash(OrderRequest.read(body(event)).canonicalJson());
    String key = "orders:" + CUSTOMER + ":" + event.getHeaders().get("Idempotency-Key");
    api.idempotency.begin(key, hash, api.clock.instant(), api.clock.instant().plusSeconds(60));
    long start = System.nanoTime();

    APIGatewayProxyResponseEvent response = api.call(event);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Idempotency.DUPLICATE_WAIT);
    assertThat(response.getStatusCode()).isEqualTo(409);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("CONFLICT");
    assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
    assertThat(api.queues.messages(Queue.ORDER_INTAKE)).isEmpty();
  }

  @Test
  void aDuplicateThatArrivesWhileTheFirstRunsWaitsAndAnswersTheSameOrder() throws Exception {
    APIGatewayProxyRequestEvent event = event("post-order.json");
    String hash = Idempotency.hash(OrderRequest.read(body(event)).canonicalJson());
    String key = "orders:" + CUSTOMER + ":" + event.getHeaders().get("Idempotency-Key");
    // The first request has claimed the key and is still working on it.
    api.idempotency.begin(key, hash, api.clock.instant(), api.clock.instant().plusSeconds(60));
    String firstAnswer = "{\"orderId\":\"first-order\",\"status\":\"PENDING\",\"total\":{\"amount\":\"59.80\",\"currency\":\"USD\"}}";

    java.util.concurrent.CompletableFuture<APIGatewayProxyResponseEvent> duplicate =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> api.call(event("post-order.json")));
    org.awaitility.Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
        .until(() -> !duplicate.isDone());
    api.idempotency.complete(key, hash, firstAnswer, api.clock.instant().plusSeconds(3600));
    APIGatewayProxyResponseEvent response = duplicate.get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(response.getStatusCode()).isEqualTo(202);
    assertThat(json(response).get("orderId").asText()).isEqualTo("first-order");
    assertThat(api.queues.messages(Queue.ORDER_INTAKE)).isEmpty();
  }

  @Test
  void keysAreScopedPerCustomer() {
    String mine = json(api.call("post-order.json")).get("orderId").asText();
    APIGatewayProxyRequestEvent other = withClaims(event("post-order.json"), Map.of("sub", "another-customer"));

    APIGatewayProxyResponseEvent response = api.call(other);

    assertThat(response.getStatusCode()).isEqualTo(202);
    String theirs = json(response).get("orderId").asText();
    assertThat(theirs).isNotEqualTo(mine);
    assertThat(api.orders.find(theirs).orElseThrow().customerId()).isEqualTo("another-customer");
  }

  @Test
  void aRetryAfterACrashConvergesOnTheStoredOrderWhoseIntakeMessageWasStoredWithIt() {
    AtomicInteger creates = new AtomicInteger();
    // The first create lands, then the function dies before it can answer.
    OrderRepository crashesAfterTheFirstCreate = (OrderRepository) Proxy.newProxyInstance(
        OrderRepository.class.getClassLoader(), new Class<?>[] {OrderRepository.class}, (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(api.orders, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (method.getName().equals("create") && creates.incrementAndGet() == 1) {
            throw new IllegalStateException("function timed out");
          }
          return result;
        });
    OrdersApiHandler handler = new OrdersApiHandler(crashesAfterTheFirstCreate, api.catalog, api.inventory,
        api.idempotency, api.callbacks, api.payments, api.clock, api.cors);

    APIGatewayProxyResponseEvent crashed = handler.handleRequest(event("post-order.json"), null);
    APIGatewayProxyResponseEvent retried = handler.handleRequest(event("post-order.json"), null);

    assertThat(crashed.getStatusCode()).isEqualTo(500);
    assertThat(json(crashed).at("/error/code").asText()).isEqualTo("INTERNAL_ERROR");
    assertThat(retried.getStatusCode()).isEqualTo(202);
    String orderId = json(retried).get("orderId").asText();
    assertThat(api.orders.findByCustomer(CUSTOMER, 10, null).items()).extracting(Order::orderId)
        .containsExactly(orderId);
    assertThat(api.orders.timeline(orderId)).hasSize(1);
    assertThat(api.queues.messages(Queue.ORDER_INTAKE, io.orderflow.intake.IntakeMessage.class))
        .containsExactly(new io.orderflow.intake.IntakeMessage(orderId));
  }

  @Test
  void anExpiredKeyReusedForAnotherOrderIsRefusedRatherThanAnsweredWithTheOldOrder() {
    api.call("post-order.json");
    api.clock.advance(Duration.ofHours(25));
    ObjectNode changed = body(event("post-order.json"));
    line(changed, 0).put("quantity", 5);

    APIGatewayProxyResponseEvent response = api.call(withBody(event("post-order.json"), changed));

    assertThat(response.getStatusCode()).isEqualTo(422);
    assertThat(api.queues.messages(Queue.ORDER_INTAKE)).hasSize(1);
  }

  @Test
  void aSkuTheCatalogDoesNotKnowIsAcceptedUnpricedForTheValidateStepToReject() {
    ObjectNode order = body(event("post-order.json"));
    line(order, 1).put("sku", "SKU-UNKNOWN");

    APIGatewayProxyResponseEvent response = api.call(withBody(event("post-order.json"), order));

    assertThat(response.getStatusCode()).isEqualTo(202);
    assertThat(json(response).at("/total/amount").asText()).isEqualTo("59.80");
    Order stored = api.orders.find(json(response).get("orderId").asText()).orElseThrow();
    assertThat(stored.lines().get(1).unitPrice()).isNull();
  }

  @Test
  void theIdempotencyKeyHeaderNameIsCaseInsensitive() {
    APIGatewayProxyRequestEvent event = withHeader(event("post-order-missing-key.json"), "idempotency-key", "k-1");

    assertThat(api.call(event).getStatusCode()).isEqualTo(202);
  }

  @Test
  void aKeyOfExactly128PrintableCharactersIsAccepted() {
    // 0x21-0x7E: a space is not part of a key (gateways trim it at the ends, so it cannot round-trip)
    APIGatewayProxyRequestEvent event = withHeader(event("post-order.json"), "Idempotency-Key", "k~!".repeat(42) + "ab");

    assertThat(api.call(event).getStatusCode()).isEqualTo(202);
  }

  @Test
  void aBodyOfExactly256KiloBytesIsStillRead() {
    String compact = body(event("post-order.json")).toString();
    String padded = compact + " ".repeat(JsonBody.MAX_BYTES - compact.length());

    APIGatewayProxyResponseEvent response = api.call(withBody(event("post-order.json"), padded));

    assertThat(response.getStatusCode()).isEqualTo(202);
  }
}
