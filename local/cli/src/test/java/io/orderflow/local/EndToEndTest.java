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
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import io.orderflow.track.CarrierSignatureVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The whole stack on free ports, driven only over HTTP as a shop and a carrier would. */
class EndToEndTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;
  private static URI api;
  private static ApiClient shop;
  private static ApiClient ops;

  @BeforeAll
  static void start() {
    stack = OverHttp.startStack();
    api = stack.apiEndpoint().orElseThrow();
    shop = new ApiClient(api, stack.tokens().issue("shopper-" + UUID.randomUUID(), false));
    ops = new ApiClient(api, stack.tokens().issue("ops-1", true));
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void happyPathReachesDeliveredWithTheCarrierAndCompletedAfterConfirmReceipt() {
    String orderId = place(shop, SampleOrders.happyPath());

    awaitStatus(shop, orderId, "DELIVERED");
    assertThat(ApiClient.json(shop.post("/orders/" + orderId + "/confirm-receipt", null), 200)).isNotNull();
    JsonNode order = awaitStatus(shop, orderId, "COMPLETED");

    assertThat(order.path("statusReason").asText()).isEqualTo("CUSTOMER_CONFIRMED");
    assertThat(order.path("payment").path("captured").path("amount").asText()).isEqualTo("59.80");
    assertThat(order.path("shipment").path("carrier").asText()).isEqualTo("simcarrier");
    // The carrier sends pickups and deliveries twice: each shows once and captures once.
    assertThat(types(shop.timeline(orderId))).containsExactly(
        "ORDER_PLACED", "ORDER_VALIDATED", "STOCK_RESERVED", "PAYMENT_AUTHORIZED", "ORDER_DISPATCHED",
        "PICKED_UP", "PAYMENT_CAPTURED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "ORDER_COMPLETED");
    // Each message left through the order's outbox and the relay on the Orders stream.
    List<String> told = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      told.addAll(notificationsFor(orderId));
      assertThat(told).containsExactlyInAnyOrder("ORDER_CONFIRMED", "ORDER_DISPATCHED", "DELIVERED", "ORDER_COMPLETED");
    });
  }

  /** The types of the notifications for {@code orderId} waiting on the notifications queue, taken off it. */
  private static List<String> notificationsFor(String orderId) {
    String queue = stack.resourceNames().queueUrl(Queue.NOTIFICATIONS);
    List<String> types = new ArrayList<>();
    for (Message message : stack.sqsClient().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)).messages()) {
      JsonNode notification = Json.read(message.body(), JsonNode.class);
      if (orderId.equals(notification.path("orderId").asText())) {
        types.add(notification.path("type").asText());
        stack.sqsClient().deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
      }
    }
    return types;
  }

  @Test
  void outOfStockCancelsTheOrder() {
    String orderId = place(shop, SampleOrders.order(DemoData.SOLD_OUT_SKU, 1, "tok_visa", "62701"));

    JsonNode order = awaitStatus(shop, orderId, "CANCELLED");

    assertThat(order.path("statusReason").asText()).isEqualTo("OUT_OF_STOCK");
    assertThat(types(shop.timeline(orderId))).contains("OUT_OF_STOCK").doesNotContain("PAYMENT_AUTHORIZED");
  }

  @Test
  void aDeclinedCardCancelsTheOrderAndReleasesTheStock() {
    int before = available(ops, "SKU-2");
    String orderId = place(shop, SampleOrders.order("SKU-2", 3, "tok_chargeDeclined", "62701"));

    JsonNode order = awaitStatus(shop, orderId, "CANCELLED");

    assertThat(order.path("statusReason").asText()).isEqualTo("PAYMENT_DECLINED");
    await().atMost(SETTLES).untilAsserted(() -> assertThat(available(ops, "SKU-2")).isEqualTo(before));
  }

  @Test
  void aTransientPaymentErrorIsRetriedAndTheOrderGoesOn() {
    String orderId = place(shop, SampleOrders.order("SKU-3", 1, "tok_processingError", "62701"));

    awaitStatus(shop, orderId, "DELIVERED");

    assertThat(types(shop.timeline(orderId))).containsOnlyOnce("PAYMENT_AUTHORIZED").doesNotContain("PAYMENT_DECLINED");
  }

  @Test
  void anAddressExceptionRefundsAndCancels() {
    String orderId = place(shop, SampleOrders.order(DemoData.IN_STOCK_SKU, 1, "tok_mastercard", "00000"));

    JsonNode order = awaitStatus(shop, orderId, "CANCELLED");

    assertThat(order.path("statusReason").asText()).isEqualTo("ADDRESS_ISSUE");
    assertThat(types(shop.timeline(orderId))).contains("DELIVERY_EXCEPTION", "PAYMENT_REFUNDED", "ORDER_CANCELLED");
  }

  @Test
  void aRiskReviewHoldsTheOrderUntilTheCustomerCancels() {
    String orderId = place(shop, SampleOrders.order(DemoData.IN_STOCK_SKU, 1, "tok_riskReview", "62701"));
    awaitStatus(shop, orderId, "ON_HOLD");

    assertThat(shop.post("/orders/" + orderId + "/cancel", null).statusCode()).isEqualTo(202);
    JsonNode order = awaitStatus(shop, orderId, "CANCELLED");

    assertThat(order.path("statusReason").asText()).isEqualTo("CUSTOMER_CANCELLED");
    await().atMost(SETTLES).untilAsserted(() ->
        assertThat(types(shop.timeline(orderId))).contains("PAYMENT_HELD", "PAYMENT_VOIDED"));
  }

  @Test
  void theSameIdempotencyKeyAnswersTheSameOrderAndAnotherBodyIs422() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> order = SampleOrders.order("SKU-3", 2, "tok_visa", "62701");

    HttpResponse<String> first = shop.placeOrder(key, order);
    HttpResponse<String> again = shop.placeOrder(key, order);
    HttpResponse<String> otherBody = shop.placeOrder(key, SampleOrders.order("SKU-3", 3, "tok_visa", "62701"));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(202);
    assertThat(Json.read(again.body(), JsonNode.class).path("orderId"))
        .isEqualTo(Json.read(first.body(), JsonNode.class).path("orderId"));
    assertThat(otherBody.statusCode()).isEqualTo(422);
    assertThat(errorCode(otherBody)).isEqualTo("IDEMPOTENCY_KEY_REUSED");
  }

  @Test
  void anotherCustomerSeesNothingAndNoTokenIs401() throws Exception {
    String orderId = place(shop, SampleOrders.order("SKU-3", 1, "tok_visa", "62701"));
    ApiClient stranger = new ApiClient(api, stack.tokens().issue("stranger", false));

    HttpResponse<String> foreign = stranger.get("/orders/" + orderId);
    HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(api.resolve("/orders/" + orderId)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(errorCode(foreign)).isEqualTo("NOT_FOUND");
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void theWebhookRefusesBadSignaturesAndStaleTimestampsAndIgnoresReplays() throws Exception {
    String orderId = place(shop, SampleOrders.happyPath());
    String tracking = awaitStatus(shop, orderId, "DELIVERED").path("shipment").path("trackingNumber").asText();
    Map<String, Object> scan = new LinkedHashMap<>();
    scan.put("eventId", "evt-replay-" + UUID.randomUUID());
    scan.put("trackingNumber", tracking);
    scan.put("status", "OUT_FOR_DELIVERY");
    scan.put("occurredAt", Instant.now().toString());
    scan.put("location", "Springfield, IL");
    String body = Json.write(scan);
    long now = Instant.now().getEpochSecond();

    HttpResponse<String> forged = webhook(body, now, "v1=" + "00".repeat(32));
    HttpResponse<String> stale = webhook(body, now - 3600, null);
    HttpResponse<String> first = webhook(body, now, null);
    int eventsAfterFirst = shop.timeline(orderId).size();
    HttpResponse<String> replay = webhook(body, now, null);

    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(errorCode(forged)).isEqualTo("INVALID_SIGNATURE");
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(shop.timeline(orderId)).hasSize(eventsAfterFirst);
    assertThat(shop.order(orderId).path("status").asText()).isEqualTo("DELIVERED");
  }

  @Test
  void badOrdersAreRefusedWith4xxAndNothingIsStored() throws Exception {
    ApiClient newcomer = new ApiClient(api, stack.tokens().issue("newcomer-" + UUID.randomUUID(), false));
    Map<String, Object> zeroQuantity = SampleOrders.order("SKU-1", 0, "tok_visa", "62701");
    Map<String, Object> clientPrice = SampleOrders.order("SKU-1", 1, "tok_visa", "62701");
    clientPrice.put("price", Map.of("amount", "0.01", "currency", "USD"));
    Map<String, Object> badSku = SampleOrders.order("SKU 1; DROP", 1, "tok_visa", "62701");
    Map<String, Object> noLines = SampleOrders.order("SKU-1", 1, "tok_visa", "62701");
    noLines.put("lines", List.of());
    Map<String, Object> badCountry = SampleOrders.order("SKU-1", 1, "tok_visa", "62701");
    ((Map<String, Object>) badCountry.get("shippingAddress")).put("country", "USA");

    for (Map<String, Object> bad : List.of(zeroQuantity, clientPrice, badSku, noLines, badCountry)) {
      HttpResponse<String> response = newcomer.placeOrder(UUID.randomUUID().toString(), bad);
      assertThat(response.statusCode()).as(Json.write(bad)).isEqualTo(400);
      assertThat(errorCode(response)).isEqualTo("VALIDATION_FAILED");
    }
    HttpResponse<String> malformed = HTTP.send(HttpRequest.newBuilder(api.resolve("/orders"))
        .header("Authorization", "Bearer " + stack.tokens().issue("newcomer", false))
        .header("Idempotency-Key", "k-1")
        .POST(HttpRequest.BodyPublishers.ofString("{\"lines\": [")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> noKey = HTTP.send(HttpRequest.newBuilder(api.resolve("/orders"))
        .header("Authorization", "Bearer " + stack.tokens().issue("newcomer", false))
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(SampleOrders.happyPath()))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(errorCode(malformed)).isEqualTo("MALFORMED_JSON");
    assertThat(noKey.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(newcomer.get("/orders"), 200).path("orders")).isEmpty();
  }

  @Test
  void threeIdenticalOrdersAtOnceAllAnswer202WithTheSameOrder() throws Exception {
    ApiClient shopper = new ApiClient(api, stack.tokens().issue("double-clicker-" + UUID.randomUUID(), false));
    String key = "triple-" + UUID.randomUUID();
    Map<String, Object> order = SampleOrders.happyPath();

    List<HttpResponse<String>> answers = allAtOnce(3, () -> shopper.placeOrder(key, order));

    assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(202, 202, 202);
    assertThat(answers).extracting(answer -> ApiClient.json(answer, 202).path("orderId").asText())
        .containsOnly(ApiClient.json(answers.get(0), 202).path("orderId").asText());
    assertThat(ApiClient.json(shopper.get("/orders"), 200).path("orders")).hasSize(1);
  }

  @Test
  void oneCarrierEventThreeTimesAtOnceIsAppliedOnceAndAnsweredAsRepeats() throws Exception {
    String orderId = place(shop, SampleOrders.happyPath());
    String tracking = awaitStatus(shop, orderId, "DELIVERED").path("shipment").path("trackingNumber").asText();
    String eventId = "evt-triple-" + UUID.randomUUID();
    Map<String, Object> scan = new LinkedHashMap<>();
    scan.put("eventId", eventId);
    scan.put("trackingNumber", tracking);
    scan.put("status", "OUT_FOR_DELIVERY");
    scan.put("occurredAt", Instant.now().toString());
    scan.put("location", "Springfield, IL");
    String body = Json.write(scan);
    long now = Instant.now().getEpochSecond();

    List<HttpResponse<String>> answers = allAtOnce(3, () -> webhook(body, now, null));

    assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 200, 200);
    assertThat(shop.timeline(orderId)).filteredOn(event -> eventId.equals(event.path("detail").path("eventId").asText()))
        .hasSize(1);
  }

  @Test
  void hostileRequestsOverHttpAnswerTheErrorShapeAndStoreNothing() throws Exception {
    String newcomer = "hostile-" + UUID.randomUUID();
    String token = stack.tokens().issue(newcomer, false);
    String opsToken = stack.tokens().issue("ops-hostile", true);
    String order = Json.write(SampleOrders.happyPath());

    HttpResponse<String> nullCursor = HTTP.send(HttpRequest.newBuilder(api.resolve("/orders?cursor=bnVsbA"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> nullOpsCursor = HTTP.send(HttpRequest.newBuilder(api.resolve("/ops/orders?status=ON_HOLD&cursor=bnVsbA"))
        .header("Authorization", "Bearer " + opsToken).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> tabInKey = HTTP.send(HttpRequest.newBuilder(api.resolve("/orders"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .header("Idempotency-Key", "key\twith-tab")
        .POST(HttpRequest.BodyPublishers.ofString(order)).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> plainText = HTTP.send(HttpRequest.newBuilder(api.resolve("/orders"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
        .header("Idempotency-Key", "k-plain")
        .POST(HttpRequest.BodyPublishers.ofString(order)).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> nulInName = HTTP.send(HttpRequest.newBuilder(api.resolve("/orders"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .header("Idempotency-Key", "k-nul")
        .POST(HttpRequest.BodyPublishers.ofString(order.replace("Li Lei", "Li\\u0000Lei"))).build(),
        HttpResponse.BodyHandlers.ofString());
    byte[] invalidUtf8 = order.replace("Li Lei", "Li @@").getBytes(StandardCharsets.UTF_8);
    int at = new String(invalidUtf8, StandardCharsets.ISO_8859_1).indexOf("@@");
    invalidUtf8[at] = (byte) 0xC3;
    invalidUtf8[at + 1] = (byte) 0x28;
    HttpResponse<String> badBytes = HTTP.send(HttpRequest.newBuilder(api.resolve("/orders"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .header("Idempotency-Key", "k-utf8")
        .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(List.of(nullCursor, nullOpsCursor, tabInKey, nulInName, badBytes))
        .extracting(HttpResponse::statusCode).containsOnly(400);
    assertThat(plainText.statusCode()).isEqualTo(415);
    assertThat(errorCode(plainText)).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    for (HttpResponse<String> refused : List.of(nullCursor, nullOpsCursor, tabInKey, plainText, nulInName, badBytes)) {
      assertThat(Json.read(refused.body(), JsonNode.class).path("error").path("details").isArray()).isTrue();
    }
    assertThat(ApiClient.json(new ApiClient(api, token).get("/orders"), 200).path("orders")).isEmpty();
  }

  /** Runs {@code call} on {@code n} threads released together; the answers in thread order. */
  private static <T> List<T> allAtOnce(int n, java.util.concurrent.Callable<T> call) throws Exception {
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(n);
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
      List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(threads.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      List<T> results = new java.util.ArrayList<>();
      for (java.util.concurrent.Future<T> future : futures) {
        results.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }

  private static String errorCode(HttpResponse<String> response) {
    return Json.read(response.body(), JsonNode.class).path("error").path("code").asText();
  }

  /** Posts a scan as the simulated carrier would, signed with its secret unless a signature is given. */
  private static HttpResponse<String> webhook(String body, long timestamp, String signature) throws Exception {
    String secret = stack.options().carrierSecret();
    return HTTP.send(HttpRequest.newBuilder(api.resolve("/carriers/simcarrier/events"))
        .header(CarrierSignatureVerifier.TIMESTAMP_HEADER, String.valueOf(timestamp))
        .header(CarrierSignatureVerifier.SIGNATURE_HEADER,
            signature != null ? signature : CarrierSignatureVerifier.sign(secret, String.valueOf(timestamp), body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
