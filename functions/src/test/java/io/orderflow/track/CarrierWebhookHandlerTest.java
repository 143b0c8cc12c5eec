package io.orderflow.track;

import static io.orderflow.testing.FulfillmentFixture.ORDER_ID;
import static io.orderflow.testing.FulfillmentFixture.TRACKING_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.aftersales.tickets.TicketCategory;
import io.orderflow.aftersales.tickets.TicketRequest;
import io.orderflow.dispatch.PickupConfirmation;
import io.orderflow.order.AwaitOrderEvents;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.Order.AwaitedEvent.Kind;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import io.orderflow.reserve.Inventory.StockLevel;
import io.orderflow.testing.FulfillmentFixture;
import io.orderflow.testing.RecordingWorkflowCallbacks.Call;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook over in-memory fakes, fed the signed sample events of {@code events/carrier/}. */
class CarrierWebhookHandlerTest {

  static final String PICKUP_TOKEN = "pickup-token";
  static final String DELIVERY_TOKEN = "delivery-token";

  final FulfillmentFixture fixture = new FulfillmentFixture();
  final CarrierWebhookHandler handler = new CarrierWebhookHandler(
      new CarrierSignatureVerifier(
          new EnvironmentCarrierSecrets(Map.of("ORDERFLOW_CARRIER_SECRET", FulfillmentFixture.CARRIER_SECRET)),
          fixture.clock),
      fixture.tracking());
  int dispatchedTimeline;

  /** Placed and dispatched before the sample scans happened; posted when they were signed. */
  @BeforeEach
  void dispatchTheSampleOrder() {
    Duration untilSigned = Duration.between(
        Instant.parse(FulfillmentFixture.PLACED_AT), Instant.parse(FulfillmentFixture.SIGNED_AT));
    fixture.clock.advance(untilSigned.negated());
    fixture.seed(OrderStatus.PAID);
    fixture.dispatch().dispatch(ORDER_ID, PICKUP_TOKEN);
    fixture.clock.advance(untilSigned);
    dispatchedTimeline = fixture.timeline().size();
  }

  @Test
  void anOccurredAtBeforeTheOrderWasPlacedIsRefusedAndStoresNothing() {
    ObjectNode body = body(event("picked-up"));
    body.put("occurredAt", "2026-11-20T00:00:00Z");

    APIGatewayProxyResponseEvent response = post(signed(event("picked-up"), body.toString()));

    assertErrorCode(response, 400, "VALIDATION_FAILED");
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("occurredAt");
    assertThat(fixture.timeline()).hasSize(dispatchedTimeline);
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.DISPATCHED);
    assertThat(fixture.callbacks.calls()).isEmpty();
  }

  @Test
  void anOccurredAtMoreThanFiveMinutesAheadIsRefusedButClockSkewWithinThatIsAccepted() {
    ObjectNode farAhead = body(event("picked-up"));
    farAhead.put("occurredAt", Instant.parse(FulfillmentFixture.SIGNED_AT).plus(Duration.ofDays(365 * 3)).toString());
    ObjectNode skewed = body(event("picked-up"));
    skewed.put("occurredAt", Instant.parse(FulfillmentFixture.SIGNED_AT).plus(Duration.ofMinutes(4)).toString());

    assertErrorCode(post(signed(event("picked-up"), farAhead.toString())), 400, "VALIDATION_FAILED");
    assertThat(fixture.timeline()).hasSize(dispatchedTimeline);
    // The refused attempt left no idempotency record behind: the same event id, fixed, goes through.
    assertThat(post(signed(event("picked-up"), skewed.toString())).getStatusCode()).isEqualTo(202);
  }

  @Test
  void pickupPutsTheOrderInTransitShipsTheStockAndResumesDispatch() {
    APIGatewayProxyResponseEvent response = post("picked-up");

    assertThat(response.getStatusCode()).isEqualTo(202);
    assertThat(json(response)).isEqualTo(Json.MAPPER.valueToTree(
        Map.of("accepted", true, "orderId", ORDER_ID, "status", "IN_TRANSIT")));
    assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json; charset=utf-8");
    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.IN_TRANSIT);
    assertThat(order.shipment().status()).isEqualTo("PICKED_UP");
    // Still parked until the next step parks its own, so a retried scan can resume it again.
    assertThat(order.awaiting()).isEqualTo(new Order.AwaitedEvent(Order.AwaitedEvent.Kind.PICKUP, PICKUP_TOKEN));
    assertThat(fixture.inventory.level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 8, 0, 2));
    assertThat(fixture.callbacks.calls()).containsExactly(new Call(PICKUP_TOKEN, true,
        new PickupConfirmation(TRACKING_NUMBER, Instant.parse("2026-11-24T09:12:31Z")), null, null));
    assertThat(fixture.timelineTypesAfter(dispatchedTimeline)).containsExactly("PICKED_UP");
    assertThat(lastTimelineEvent().detail()).containsEntry("eventId", "evt-01JDQ8K2M4N6P8R0S2T4V6X8Z0")
        .containsEntry("location", "Springfield, IL")
        .containsEntry("occurredAt", "2026-11-24T09:12:31Z");
  }

  @Test
  void theFullJourneyLeavesExactlyOneTimelineEventPerScanAndResumesBothWaits() {
    assertThat(post("picked-up").getStatusCode()).isEqualTo(202);
    assertThat(fixture.awaits().await(ORDER_ID, Kind.DELIVERY, DELIVERY_TOKEN))
        .isEqualTo(AwaitOrderEvents.Outcome.PARKED);

    assertThat(json(post("in-transit")).get("status").asText()).isEqualTo("IN_TRANSIT");
    assertThat(json(post("out-for-delivery")).get("status").asText()).isEqualTo("IN_TRANSIT");
    assertThat(fixture.order().shipment().status()).isEqualTo("OUT_FOR_DELIVERY");
    assertThat(json(post("delivered")).get("status").asText()).isEqualTo("DELIVERED");

    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
    assertThat(order.deliveredAt()).isEqualTo(Instant.parse("2026-11-25T02:51:19Z"));
    assertThat(order.shipment().status()).isEqualTo("DELIVERED");
    assertThat(fixture.timelineTypesAfter(dispatchedTimeline))
        .containsExactly("PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
    assertThat(fixture.timeline().subList(dispatchedTimeline, fixture.timeline().size()))
        .extracting(TimelineEvent::status)
        .containsExactly(OrderStatus.IN_TRANSIT, OrderStatus.IN_TRANSIT, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED);
    assertThat(fixture.callbacks.calls()).extracting(Call::taskToken, Call::success)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PICKUP_TOKEN, true),
            org.assertj.core.groups.Tuple.tuple(DELIVERY_TOKEN, true));
    assertThat(fixture.callbacks.calls().get(1).output())
        .isEqualTo(new DeliveryConfirmation(TRACKING_NUMBER, Instant.parse("2026-11-25T02:51:19Z")));
    assertThat(notificationTypes()).containsExactly("ORDER_DISPATCHED", "DELIVERED");
  }

  @Test
  void aLostParcelFailsTheDeliveryWaitWithTheCarriersCode() {
    post("picked-up");
    fixture.awaits().await(ORDER_ID, Kind.DELIVERY, DELIVERY_TOKEN);

    assertThat(json(post("exception-lost")).get("status").asText()).isEqualTo("DELIVERY_EXCEPTION");

    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.DELIVERY_EXCEPTION);
    assertThat(order.statusReason()).isEqualTo(StatusReason.LOST);
    assertThat(fixture.callbacks.calls()).last()
        .isEqualTo(new Call(DELIVERY_TOKEN, false, null, DeliveryException.class.getName(), "LOST"));
    assertThat(fixture.timelineTypesAfter(dispatchedTimeline)).containsExactly("PICKED_UP", "DELIVERY_EXCEPTION");
    assertThat(lastTimelineEvent().detail()).containsEntry("exception",
        Map.of("code", "LOST", "message", "Parcel could not be located at the sort facility"));
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class)).last()
        .satisfies(n -> assertThat(n.type()).isEqualTo("DELIVERY_EXCEPTION"))
        .satisfies(n -> assertThat(n.data()).containsEntry("code", "LOST"));
    assertThat(fixture.queues.messages(Queue.AFTERSALES_TICKETS, TicketRequest.class)).singleElement()
        .satisfies(t -> assertThat(t.requestId()).isEqualTo("delivery-exception-" + ORDER_ID))
        .satisfies(t -> assertThat(t.category()).isEqualTo(TicketCategory.DELIVERY));
  }

  @Test
  void aDeliveryScanWithoutAPickupScanImpliesThePickup() {
    assertThat(post("delivered").getStatusCode()).isEqualTo(202);

    assertThat(fixture.order().status()).isEqualTo(OrderStatus.DELIVERED);
    assertThat(fixture.timelineTypesAfter(dispatchedTimeline)).containsExactly("PICKED_UP", "DELIVERED");
    assertThat(fixture.inventory.level("SKU-2")).isEqualTo(new StockLevel("SKU-2", 9, 0, 1));
    assertThat(fixture.callbacks.calls()).extracting(Call::taskToken).containsExactly(PICKUP_TOKEN);
    assertThat(fixture.awaits().await(ORDER_ID, Kind.DELIVERY, DELIVERY_TOKEN))
        .as("the delivery happened before the workflow started waiting for it")
        .isEqualTo(AwaitOrderEvents.Outcome.RESUMED);
  }

  @Test
  void aLateScanIsRecordedButChangesNothing() {
    post("delivered");
    long version = fixture.order().version();

    APIGatewayProxyResponseEvent late = post("picked-up");

    assertThat(late.getStatusCode()).isEqualTo(202);
    assertThat(json(late).get("status").asText()).isEqualTo("DELIVERED");
    assertThat(fixture.order().shipment().status()).isEqualTo("DELIVERED");
    assertThat(fixture.order().version()).isEqualTo(version + 1);
    assertThat(fixture.timelineTypesAfter(dispatchedTimeline)).containsExactly("PICKED_UP", "DELIVERED", "PICKED_UP");
    assertThat(lastTimelineEvent().status()).isEqualTo(OrderStatus.DELIVERED);
    assertThat(fixture.callbacks.calls()).hasSize(1);
  }

  @Test
  void anAddressIssueBeforeThePickupScanFailsTheDeliveryWaitWhenItStarts() {
    post("exception-address");

    assertThat(fixture.order().status()).isEqualTo(OrderStatus.DELIVERY_EXCEPTION);
    assertThat(fixture.order().statusReason()).isEqualTo(StatusReason.ADDRESS_ISSUE);
    assertThat(fixture.timelineTypesAfter(dispatchedTimeline)).containsExactly("PICKED_UP", "DELIVERY_EXCEPTION");

    assertThat(fixture.awaits().await(ORDER_ID, Kind.DELIVERY, DELIVERY_TOKEN))
        .isEqualTo(AwaitOrderEvents.Outcome.FAILED);
    assertThat(fixture.callbacks.calls()).last()
        .isEqualTo(new Call(DELIVERY_TOKEN, false, null, DeliveryException.class.getName(), "ADDRESS_ISSUE"));
  }

  @Test
  void aRepeatedEventIdAnswers200WithTheSameBodyAndNoSecondEffect() {
    APIGatewayProxyResponseEvent first = post("picked-up");
    APIGatewayProxyResponseEvent again = post("picked-up");

    assertThat(first.getStatusCode()).isEqualTo(202);
    assertThat(again.getStatusCode()).isEqualTo(200);
    assertThat(again.getBody()).isEqualTo(first.getBody());
    assertThat(fixture.timelineTypesAfter(dispatchedTimeline)).containsExactly("PICKED_UP");
    assertThat(fixture.callbacks.calls()).hasSize(1);
  }

  @Test
  void anEventIdReusedForAnotherEventIsAConflict() {
    post("picked-up");
    ObjectNode body = body(event("picked-up"));
    body.put("status", "IN_TRANSIT");

    APIGatewayProxyResponseEvent response = post(signed(event("picked-up"), body.toString()));

    assertErrorCode(response, 409, "CONFLICT");
    assertThat(fixture.timelineTypesAfter(dispatchedTimeline)).containsExactly("PICKED_UP");
  }

  @Test
  void headerNamesAreCaseInsensitive() {
    post("picked-up");

    APIGatewayProxyResponseEvent response = post("in-transit");

    assertThat(event("in-transit").getHeaders()).containsKey("x-carrier-signature");
    assertThat(response.getStatusCode()).isEqualTo(202);
  }

  @Test
  void aBase64EncodedBodyIsVerifiedAsTheCarrierSentIt() {
    APIGatewayProxyRequestEvent event = event("picked-up");
    event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
    event.setIsBase64Encoded(true);

    assertThat(post(event).getStatusCode()).isEqualTo(202);
  }

  @Test
  void aBadSignatureIsRefusedAndChangesNothing() {
    APIGatewayProxyRequestEvent event = withHeader(event("picked-up"), "X-Carrier-Signature", "v1=" + "0".repeat(64));

    assertErrorCode(post(event), 401, "INVALID_SIGNATURE");
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.DISPATCHED);
    assertThat(fixture.timeline()).hasSize(dispatchedTimeline);
    assertThat(fixture.callbacks.calls()).isEmpty();
  }

  @Test
  void aSignature301SecondsOldIsStale() {
    fixture.clock.advance(Duration.ofSeconds(301));

    assertErrorCode(post("picked-up"), 401, "INVALID_SIGNATURE");
  }

  @Test
  void aSignature301SecondsInTheFutureIsRefused() {
    fixture.clock.advance(Duration.ofSeconds(-301));

    assertErrorCode(post("picked-up"), 401, "INVALID_SIGNATURE");
  }

  @Test
  void duringSecretRotationTheSecondSignatureMayBeTheOneThatMatches() {
    APIGatewayProxyRequestEvent event = event("picked-up");
    String good = event.getHeaders().get("X-Carrier-Signature");
    String old = CarrierSignatureVerifier.sign("previous-secret", timestamp(event), event.getBody());

    assertThat(post(withHeader(event, "X-Carrier-Signature", old + "," + good)).getStatusCode()).isEqualTo(202);
  }

  @Test
  void missingSignatureHeadersAreRefused() {
    APIGatewayProxyRequestEvent event = event("picked-up");
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    headers.remove("X-Carrier-Signature");
    headers.remove("X-Carrier-Timestamp");

    assertErrorCode(post(event.withHeaders(headers)), 401, "INVALID_SIGNATURE");
  }

  @Test
  void anUnknownCarrierHasNoSecretToVerifyWith() {
    APIGatewayProxyRequestEvent event = event("picked-up");
    event.setPathParameters(Map.of("carrier", "globex"));

    assertErrorCode(post(event), 401, "INVALID_SIGNATURE");
  }

  @Test
  void anUnknownTrackingNumberIsNotFound() {
    ObjectNode body = body(event("picked-up"));
    body.put("trackingNumber", "SIM000000000000");

    assertErrorCode(post(signed(event("picked-up"), body.toString())), 404, "NOT_FOUND");
    assertThat(fixture.timeline()).hasSize(dispatchedTimeline);
  }

  @Test
  void aMalformedBodyIsABadRequest() {
    assertErrorCode(post(signed(event("picked-up"), "{\"eventId\": \"evt-1\",")), 400, "MALFORMED_JSON");
    assertErrorCode(post(signed(event("picked-up"), "{\"eventId\": \"evt-1\"} trailing")), 400, "MALFORMED_JSON");
    assertErrorCode(post(signed(event("picked-up"), "{\"eventId\": \"evt-1\", \"eventId\": \"evt-2\"}")), 400,
        "MALFORMED_JSON");
    assertErrorCode(post(signed(event("picked-up"), "")), 400, "MALFORMED_JSON");
  }

  @Test
  void anInvalidEventNamesEveryBadField() {
    ObjectNode body = body(event("exception-lost"));
    body.remove("eventId");
    body.put("occurredAt", "yesterday");
    ((ObjectNode) body.get("exception")).put("code", "EATEN_BY_DOG");

    APIGatewayProxyResponseEvent response = post(signed(event("exception-lost"), body.toString()));

    assertErrorCode(response, 400, "VALIDATION_FAILED");
    assertThat(json(response).at("/error/details").findValuesAsText("field"))
        .containsExactly("eventId", "occurredAt", "exception.code");
    assertThat(fixture.timeline()).hasSize(dispatchedTimeline);
  }

  @Test
  void anUnknownStatusOrAnExceptionWithoutCodeIsInvalid() {
    ObjectNode unknownStatus = body(event("picked-up"));
    unknownStatus.put("status", "TELEPORTED");
    ObjectNode noCode = body(event("exception-lost"));
    noCode.remove("exception");

    assertErrorCode(post(signed(event("picked-up"), unknownStatus.toString())), 400, "VALIDATION_FAILED");
    assertErrorCode(post(signed(event("exception-lost"), noCode.toString())), 400, "VALIDATION_FAILED");
  }

  private APIGatewayProxyResponseEvent post(String eventName) {
    return post(event(eventName));
  }

  private APIGatewayProxyResponseEvent post(APIGatewayProxyRequestEvent event) {
    return handler.handleRequest(event, null);
  }

  private static APIGatewayProxyRequestEvent event(String name) {
    return EventLoader.loadApiGatewayRestEvent("events/carrier/" + name + ".json");
  }

  /** The event with another body, signed the way the carrier would sign it. */
  private static APIGatewayProxyRequestEvent signed(APIGatewayProxyRequestEvent event, String body) {
    String signature = CarrierSignatureVerifier.sign(FulfillmentFixture.CARRIER_SECRET, timestamp(event), body);
    return withHeader(event, "X-Carrier-Signature", signature).withBody(body);
  }

  private static String timestamp(APIGatewayProxyRequestEvent event) {
    return event.getHeaders().get("X-Carrier-Timestamp");
  }

  private static APIGatewayProxyRequestEvent withHeader(APIGatewayProxyRequestEvent event, String name, String value) {
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    headers.put(name, value);
    Map<String, List<String>> multi = new HashMap<>(event.getMultiValueHeaders());
    multi.put(name, List.of(value));
    return event.withHeaders(headers).withMultiValueHeaders(multi);
  }

  private static ObjectNode body(APIGatewayProxyRequestEvent event) {
    return (ObjectNode) read(event.getBody());
  }

  private static JsonNode json(APIGatewayProxyResponseEvent response) {
    return read(response.getBody());
  }

  private static JsonNode read(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertErrorCode(APIGatewayProxyResponseEvent response, int status, String code) {
    assertThat(response.getStatusCode()).isEqualTo(status);
    assertThat(json(response).at("/error/code").asText()).isEqualTo(code);
  }

  private TimelineEvent lastTimelineEvent() {
    List<TimelineEvent> timeline = fixture.timeline();
    return timeline.get(timeline.size() - 1);
  }

  private List<String> notificationTypes() {
    return fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class).stream().map(Notification::type).toList();
  }
}
