package io.orderflow.aftersales;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.aftersales.tickets.TicketDesk;
import io.orderflow.aftersales.tickets.TicketQuota;
import io.orderflow.platform.Cors;
import io.orderflow.testing.InMemoryRateLimits;
import io.orderflow.aftersales.returns.ProductReturn;
import io.orderflow.aftersales.returns.Resolution;
import io.orderflow.aftersales.returns.ReturnLine;
import io.orderflow.aftersales.returns.ReturnReason;
import io.orderflow.aftersales.returns.ReturnRequests;
import io.orderflow.aftersales.returns.ReturnStatus;
import io.orderflow.aftersales.tickets.Ticket;
import io.orderflow.aftersales.tickets.TicketCategory;
import io.orderflow.aftersales.tickets.TicketRequest;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import io.orderflow.testing.RecordingWorkflowCallbacks.Call;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The after-sales routes, fed the sample API Gateway events of {@code events/aftersales/}. */
class AftersalesApiHandlerTest {

  /** The subject and the order the sample events carry. */
  private static final String CUSTOMER = "7d3f8b2e-5c1a-4e9b-9f6d-2a8c4b1e0f37";
  private static final String ORDER_ID = "3f2c9a7e-8b1d-4c6f-a5e2-9d0b7c4e1a68";
  private static final String RETURN_ID = ORDER_ID + "-R1";

  private final AftersalesFixture f = new AftersalesFixture();
  private final AftersalesApiHandler handler =
      new AftersalesApiHandler(f.orders, f.requests, f.progress, f.desk, f.feedbackBox, Cors.NONE);

  @Test
  void aReturnRequestIsAcceptedAndStartsItsWorkflow() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);

    APIGatewayProxyResponseEvent response = call("request-return");

    assertThat(response.getStatusCode()).isEqualTo(202);
    assertThat(response.getHeaders()).containsEntry("Location", "/returns/" + RETURN_ID);
    assertThat(json(response).get("returnId").asText()).isEqualTo(RETURN_ID);
    assertThat(json(response).get("status").asText()).isEqualTo("REQUESTED");
    assertThat(f.starter.started()).containsOnlyKeys(RETURN_ID);
    assertThat(f.returns.returnedQuantities(ORDER_ID).bySku()).containsEntry("SKU-1", 1);
  }

  @Test
  void unknownFieldsAnswer400AndStoreNothing() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);

    APIGatewayProxyResponseEvent response = call("request-return-unknown-field");

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(json(response).at("/error/details").findValuesAsText("field"))
        .containsExactlyInAnyOrder("lines[0].unitPrice", "refund");
    assertThat(f.returns.findByOrder(ORDER_ID)).isEmpty();
    assertThat(f.starter.started()).isEmpty();
  }

  @Test
  void businessRulesAnswer404And409And400WithoutStoringAnything() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, AftersalesFixture.STRANGER);
    assertThat(call("request-return").getStatusCode()).as("another customer's order").isEqualTo(404);

    AftersalesFixture paid = new AftersalesFixture();
    paid.seed(ORDER_ID, OrderStatus.PAID, CUSTOMER);
    AftersalesApiHandler paidHandler =
        new AftersalesApiHandler(paid.orders, paid.requests, paid.progress, paid.desk, paid.feedbackBox, Cors.NONE);
    APIGatewayProxyResponseEvent notDelivered = paidHandler.handleRequest(event("request-return"), null);
    assertThat(notDelivered.getStatusCode()).isEqualTo(409);
    assertThat(json(notDelivered).at("/error/code").asText()).isEqualTo("CONFLICT");

    AftersalesFixture delivered = new AftersalesFixture();
    delivered.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);
    APIGatewayProxyRequestEvent tooMany = withBody(event("request-return"),
        "{\"lines\": [{\"sku\": \"SKU-1\", \"quantity\": 3}], \"reason\": \"SIZE\", \"resolution\": \"REFUND\"}");
    APIGatewayProxyResponseEvent response = new AftersalesApiHandler(delivered.orders, delivered.requests,
        delivered.progress, delivered.desk, delivered.feedbackBox, Cors.NONE).handleRequest(tooMany, null);
    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details/0/field").asText()).isEqualTo("lines[0].quantity");
    assertThat(f.starter.started()).isEmpty();
    assertThat(paid.starter.started()).isEmpty();
    assertThat(delivered.starter.started()).isEmpty();
  }

  @Test
  void badValuesAreNamedFieldByField() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);
    APIGatewayProxyRequestEvent bad = withBody(event("request-return"),
        "{\"lines\": [{\"sku\": \"SKU 1\", \"quantity\": 0}], \"reason\": \"BORED\", \"resolution\": \"REFUND\"}");

    APIGatewayProxyResponseEvent response = handler.handleRequest(bad, null);

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(json(response).at("/error/details").findValuesAsText("field"))
        .containsExactlyInAnyOrder("lines[0].sku", "lines[0].quantity", "reason");
    assertThat(handler.handleRequest(withBody(event("request-return"), "[1,"), null).getStatusCode()).isEqualTo(400);
  }

  @Test
  void customersReadTheirOwnReturnsOnly() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);
    call("request-return");

    APIGatewayProxyResponseEvent own = call("get-return");
    assertThat(own.getStatusCode()).isEqualTo(200);
    JsonNode view = json(own);
    assertThat(view.get("orderId").asText()).isEqualTo(ORDER_ID);
    assertThat(view.get("reason").asText()).isEqualTo("DAMAGED");
    assertThat(view.get("refund").isNull()).isTrue();
    assertThat(view.at("/lines/0/sku").asText()).isEqualTo("SKU-1");
    assertThat(view.at("/history/0/status").asText()).isEqualTo("REQUESTED");
    assertThat(view.has("awaiting")).as("task tokens stay inside").isFalse();

    JsonNode list = json(call("list-returns"));
    assertThat(list.get("returns")).hasSize(1);

    assertThat(handler.handleRequest(asCustomer(event("get-return"), AftersalesFixture.STRANGER), null).getStatusCode())
        .isEqualTo(404);
    assertThat(handler.handleRequest(asCustomer(event("list-returns"), AftersalesFixture.STRANGER), null).getStatusCode())
        .isEqualTo(404);
    APIGatewayProxyRequestEvent odd = event("get-return");
    odd.setPath("/returns/" + "x".repeat(300));
    assertThat(handler.handleRequest(odd, null).getStatusCode()).isEqualTo(404);
  }

  @Test
  void aDeliveredOrderIsRatedOnceAndCountsInTheReport() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);

    APIGatewayProxyResponseEvent rated = call("give-feedback");
    APIGatewayProxyResponseEvent again = call("give-feedback");
    JsonNode report = json(call("ops-satisfaction-report"));

    assertThat(rated.getStatusCode()).isEqualTo(201);
    assertThat(json(rated).get("rating").asInt()).isEqualTo(4);
    assertThat(again.getStatusCode()).isEqualTo(409);
    assertThat(report.get("count").asLong()).isEqualTo(1);
    assertThat(report.get("average").asText()).isEqualTo("4.00");
    assertThat(report.at("/distribution/4").asLong()).isEqualTo(1);
  }

  @Test
  void aTicketIsRoutedAndItsOwnerSeesTheConversation() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);

    APIGatewayProxyResponseEvent opened = call("open-ticket");

    assertThat(opened.getStatusCode()).isEqualTo(201);
    assertThat(json(opened).get("status").asText()).isEqualTo("OPEN");
    assertThat(json(opened).get("assignee").asText()).isEqualTo("agent-ana");

    Ticket system = f.desk.open(deliveryException());
    assertThat(call("ops-reply-ticket").getStatusCode()).isEqualTo(200);
    JsonNode read = json(call("get-ticket"));
    assertThat(read.get("ticketId").asText()).isEqualTo(system.ticketId());
    assertThat(read.get("messages").findValuesAsText("from")).containsExactly("SYSTEM", "AGENT");
    assertThat(handler.handleRequest(asCustomer(event("get-ticket"), AftersalesFixture.STRANGER), null).getStatusCode())
        .isEqualTo(404);
  }

  @Test
  void aCustomerOpensFiveTicketsAMinuteAndTheSixthAnswers429UntilTheMinuteEnds() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);
    f.clock.advance(java.time.Duration.ofSeconds(
        60 - f.clock.instant().getEpochSecond() % 60 + 15)); // 15 s into a minute
    TicketDesk limited = new TicketDesk(f.tickets, io.orderflow.aftersales.tickets.Agents.parse(null), f.clock,
        new TicketQuota(new InMemoryRateLimits(), 5, java.time.Duration.ofMinutes(1)));
    AftersalesApiHandler limitedHandler =
        new AftersalesApiHandler(f.orders, f.requests, f.progress, limited, f.feedbackBox, Cors.NONE);

    List<Integer> statuses = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      statuses.add(limitedHandler.handleRequest(event("open-ticket"), null).getStatusCode());
    }
    APIGatewayProxyResponseEvent refused = limitedHandler.handleRequest(event("open-ticket"), null);
    f.clock.advance(java.time.Duration.ofSeconds(45));
    APIGatewayProxyResponseEvent nextMinute = limitedHandler.handleRequest(event("open-ticket"), null);

    assertThat(statuses).containsExactly(201, 201, 201, 201, 201, 429);
    assertThat(refused.getStatusCode()).isEqualTo(429);
    assertThat(json(refused).at("/error/code").asText()).isEqualTo("TOO_MANY_REQUESTS");
    assertThat(json(refused).at("/error/details").isArray()).isTrue();
    assertThat(refused.getHeaders()).containsEntry("Retry-After", "45");
    assertThat(nextMinute.getStatusCode()).isEqualTo(201);
    // five in the first minute, one in the next: the refused ones stored nothing
    assertThat(f.tickets.openTickets(List.of("agent-support"))).containsEntry("agent-support", 6);
  }

  @Test
  void aTicketAboutSomeoneElsesOrderIsNotFoundAndNotOpened() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, AftersalesFixture.STRANGER);

    assertThat(call("open-ticket").getStatusCode()).isEqualTo(404);
    assertThat(f.tickets.openTickets(List.of("agent-ana", "agent-bo")).values()).containsOnly(0);
  }

  @Test
  void opsReceiveAndInspectAReturnAndResumeItsWorkflow() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);
    call("request-return");
    f.progress.review(RETURN_ID, "review-token");
    f.progress.await(RETURN_ID, ProductReturn.AwaitedStep.Kind.PARCEL, "parcel-token");

    APIGatewayProxyResponseEvent received = call("ops-receive-return");
    f.progress.await(RETURN_ID, ProductReturn.AwaitedStep.Kind.INSPECTION, "inspection-token");
    APIGatewayProxyResponseEvent inspected = call("ops-inspect-return");

    assertThat(json(received).get("status").asText()).isEqualTo("RECEIVED");
    assertThat(json(inspected).get("status").asText()).isEqualTo("INSPECTED");
    assertThat(f.callbacks.calls()).extracting(Call::taskToken)
        .containsExactly("review-token", "parcel-token", "inspection-token");
    assertThat(f.callbacks.calls().get(2).output()).isEqualTo(Map.of("acceptedUnits", 1, "resolution", "REFUND"));
    assertThat(call("ops-inspect-return").getStatusCode()).as("inspected already").isEqualTo(409);
  }

  @Test
  void opsRoutesNeedTheOpsGroup() {
    APIGatewayProxyRequestEvent event = event("ops-satisfaction-report");
    @SuppressWarnings("unchecked")
    Map<String, Object> claims = new HashMap<>((Map<String, Object>) event.getRequestContext().getAuthorizer().get("claims"));
    claims.remove("cognito:groups");
    event.getRequestContext().setAuthorizer(Map.of("claims", claims));
    APIGatewayProxyRequestEvent anonymous = event("get-return");
    anonymous.getRequestContext().setAuthorizer(null);

    assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(403);
    assertThat(handler.handleRequest(anonymous, null).getStatusCode()).isEqualTo(401);
  }

  @Test
  void aReviewerApprovesAReturnByResolvingItsTicket() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);
    f.requests.request(CUSTOMER, ORDER_ID, new ReturnRequests.Request(
        List.of(new ReturnLine("SKU-2", 1)), ReturnReason.OTHER, Resolution.REFUND, "not what I hoped"));
    f.progress.review(RETURN_ID, "review-token");
    f.queues.messages(Queue.AFTERSALES_TICKETS, TicketRequest.class).forEach(f.desk::open);

    APIGatewayProxyResponseEvent resolved = call("ops-resolve-review");

    assertThat(resolved.getStatusCode()).isEqualTo(200);
    assertThat(json(resolved).get("status").asText()).isEqualTo("RESOLVED");
    assertThat(f.returns.find(RETURN_ID).orElseThrow().status()).isEqualTo(ReturnStatus.APPROVED);
    assertThat(f.callbacks.calls()).singleElement().satisfies(c -> assertThat(c.success()).isTrue());
  }

  @Test
  void resolvingWithoutABodyJustResolvesAndADecisionNeedsAReturn() {
    f.seed(ORDER_ID, OrderStatus.DELIVERED, CUSTOMER);
    f.desk.open(deliveryException());
    APIGatewayProxyRequestEvent decision = withBody(event("ops-resolve-ticket"), "{\"decision\": \"REJECT\"}");

    APIGatewayProxyResponseEvent refused = handler.handleRequest(decision, null);
    APIGatewayProxyResponseEvent resolved = call("ops-resolve-ticket");

    assertThat(refused.getStatusCode()).isEqualTo(400);
    assertThat(json(refused).at("/error/details/0/field").asText()).isEqualTo("decision");
    assertThat(resolved.getStatusCode()).isEqualTo(200);
    assertThat(json(resolved).get("status").asText()).isEqualTo("RESOLVED");
    assertThat(handler.handleRequest(withBody(event("ops-resolve-ticket"), "{\"decision\": \"MAYBE\", \"x\": 1}"), null)
        .getStatusCode()).isEqualTo(400);
  }

  private static TicketRequest deliveryException() {
    return new TicketRequest("delivery-exception-" + ORDER_ID, CUSTOMER, ORDER_ID, null, TicketCategory.DELIVERY,
        "The carrier reported DAMAGED.");
  }

  private APIGatewayProxyResponseEvent call(String name) {
    return handler.handleRequest(event(name), null);
  }

  private static APIGatewayProxyRequestEvent event(String name) {
    return EventLoader.loadApiGatewayRestEvent("events/aftersales/" + name + ".json");
  }

  private static APIGatewayProxyRequestEvent withBody(APIGatewayProxyRequestEvent event, String body) {
    return event.withBody(body);
  }

  @SuppressWarnings("unchecked")
  private static APIGatewayProxyRequestEvent asCustomer(APIGatewayProxyRequestEvent event, String subject) {
    Map<String, Object> claims = new HashMap<>((Map<String, Object>) event.getRequestContext().getAuthorizer().get("claims"));
    claims.put("sub", subject);
    event.getRequestContext().setAuthorizer(Map.of("claims", claims));
    return event;
  }

  private static JsonNode json(APIGatewayProxyResponseEvent response) {
    try {
      return Json.MAPPER.readTree(response.getBody());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
