package io.orderflow.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.order.Address;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Cors;
import io.orderflow.platform.Json;
import io.orderflow.testing.InMemoryCatalog;
import io.orderflow.testing.InMemoryIdempotencyStore;
import io.orderflow.testing.InMemoryInventory;
import io.orderflow.testing.InMemoryOrderRepository;
import io.orderflow.charge.SimulatedPaymentGateway;
import io.orderflow.testing.MutableClock;
import io.orderflow.testing.RecordingQueuePublisher;
import io.orderflow.testing.RecordingWorkflowCallbacks;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The API handler over in-memory fakes, and the sample events of {@code events/api/}. */
final class ApiFixture {

  /** The subjects and order id the sample events carry. */
  static final String CUSTOMER = "7d3f8b2e-5c1a-4e9b-9f6d-2a8c4b1e0f37";
  static final String OPS_USER = "b41e7c90-2d6f-4a8e-8c3b-5f9a1d7e2c64";
  static final String ORDER_ID = "3f2c9a7e-8b1d-4c6f-a5e2-9d0b7c4e1a68";

  /** The statuses an order passes through on its way to each status. */
  private static final Map<OrderStatus, List<OrderStatus>> PATHS = Map.ofEntries(
      Map.entry(OrderStatus.PENDING, List.of()),
      Map.entry(OrderStatus.VALIDATED, List.of(OrderStatus.VALIDATED)),
      Map.entry(OrderStatus.RESERVED, List.of(OrderStatus.VALIDATED, OrderStatus.RESERVED)),
      Map.entry(OrderStatus.ON_HOLD, List.of(OrderStatus.VALIDATED, OrderStatus.RESERVED, OrderStatus.ON_HOLD)),
      Map.entry(OrderStatus.PAID, List.of(OrderStatus.VALIDATED, OrderStatus.RESERVED, OrderStatus.PAID)),
      Map.entry(OrderStatus.DISPATCHED,
          List.of(OrderStatus.VALIDATED, OrderStatus.RESERVED, OrderStatus.PAID, OrderStatus.DISPATCHED)),
      Map.entry(OrderStatus.IN_TRANSIT, List.of(OrderStatus.VALIDATED, OrderStatus.RESERVED, OrderStatus.PAID,
          OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT)),
      Map.entry(OrderStatus.DELIVERED, List.of(OrderStatus.VALIDATED, OrderStatus.RESERVED, OrderStatus.PAID,
          OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED)),
      Map.entry(OrderStatus.COMPLETED, List.of(OrderStatus.VALIDATED, OrderStatus.RESERVED, OrderStatus.PAID,
          OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED, OrderStatus.COMPLETED)),
      Map.entry(OrderStatus.REJECTED, List.of(OrderStatus.REJECTED)),
      Map.entry(OrderStatus.CANCELLED, List.of(OrderStatus.CANCELLED)));

  final MutableClock clock = MutableClock.at("2026-11-23T03:00:00Z");
  final RecordingQueuePublisher queues = new RecordingQueuePublisher();
  final InMemoryOrderRepository orders = new InMemoryOrderRepository(queues);
  final InMemoryCatalog catalog = new InMemoryCatalog().with("SKU-1", "29.90").with("SKU-2", "12.50");
  final InMemoryInventory inventory = new InMemoryInventory();
  final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
  final RecordingWorkflowCallbacks callbacks = new RecordingWorkflowCallbacks();
  final SimulatedPaymentGateway payments = new SimulatedPaymentGateway();
  final Cors cors = Cors.parse("https://shop.example.com");
  /** Set by a test of valid input among tests of invalid input, which check that nothing was stored. */
  boolean nothingToCheckAfter;
  final OrdersApiHandler handler =
      new OrdersApiHandler(orders, catalog, inventory, idempotency, callbacks, payments, clock, cors);

  static APIGatewayProxyRequestEvent event(String name) {
    return EventLoader.loadApiGatewayRestEvent("events/api/" + name);
  }

  APIGatewayProxyResponseEvent call(APIGatewayProxyRequestEvent event) {
    return handler.handleRequest(event, null);
  }

  APIGatewayProxyResponseEvent call(String eventName) {
    return call(event(eventName));
  }

  static JsonNode json(APIGatewayProxyResponseEvent response) {
    try {
      return Json.MAPPER.readTree(response.getBody());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of a sample event as a tree tests can change before sending it again. */
  static ObjectNode body(APIGatewayProxyRequestEvent event) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(event.getBody());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Line {@code index} of an order body. */
  static ObjectNode line(ObjectNode order, int index) {
    return (ObjectNode) order.withArray("lines").get(index);
  }

  static APIGatewayProxyRequestEvent withBody(APIGatewayProxyRequestEvent event, Object body) {
    return event.withBody(body instanceof String text ? text : Json.write(body));
  }

  /** Sets a header the way API Gateway passes it: in both header maps. */
  static APIGatewayProxyRequestEvent withHeader(APIGatewayProxyRequestEvent event, String name, String value) {
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    Map<String, List<String>> multi = new HashMap<>(event.getMultiValueHeaders());
    headers.put(name, value);
    multi.put(name, List.of(value));
    return event.withHeaders(headers).withMultiValueHeaders(multi);
  }

  /** Replaces the verified claims, as if another user's token had been presented. */
  @SuppressWarnings("unchecked")
  static APIGatewayProxyRequestEvent withClaims(APIGatewayProxyRequestEvent event, Map<String, Object> claims) {
    Map<String, Object> authorizer = new HashMap<>(event.getRequestContext().getAuthorizer());
    authorizer.put("claims", claims);
    event.getRequestContext().setAuthorizer(authorizer);
    return event;
  }

  /** Stores the sample events' order for the sample customer, walked along the status machine to {@code status}. */
  Order seed(OrderStatus status) {
    return seed(ORDER_ID, CUSTOMER, status);
  }

  Order seed(String orderId, String customerId, OrderStatus status) {
    Order order = Order.place(
        orderId, customerId,
        List.of(new OrderLine("SKU-1", 2, Money.of("29.90", "USD"))),
        new Address("Li Lei", "1 Main St", null, "Springfield", "IL", "62701", "US", null),
        new Order.PaymentMethod("card", "tok_visa"), Order.ShippingSpeed.STANDARD, null, clock.instant());
    List<TimelineEvent> events = new ArrayList<>();
    events.add(TimelineEvent.of(clock.instant(), "ORDER_PLACED", OrderStatus.PENDING));
    for (OrderStatus step : PATHS.get(status)) {
      order = order.moveTo(step, null, clock.instant());
      events.add(TimelineEvent.of(clock.instant(), step.name(), step));
    }
    orders.create(order, events);
    return order;
  }

  /** Parks a workflow step on a stored order, as the await and dispatch steps do. */
  void park(String orderId, Order.AwaitedEvent.Kind kind, String taskToken) {
    Order order = orders.find(orderId).orElseThrow();
    orders.update(order.awaiting(new Order.AwaitedEvent(kind, taskToken), clock.instant()), List.of());
  }
}
