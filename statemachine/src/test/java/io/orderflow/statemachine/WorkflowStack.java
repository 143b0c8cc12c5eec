package io.orderflow.statemachine;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.orderflow.intake.ExecutionSettings;
import io.orderflow.local.LocalStack;
import io.orderflow.local.sfn.ExecutionDescription;
import io.orderflow.local.sfn.ExecutionStatus;
import io.orderflow.local.sfn.HistoryEvent;
import io.orderflow.order.Address;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Workflow;
import io.orderflow.track.CarrierSignatureVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack for every workflow test in this JVM (started on first use, stopped when the
 * test run ends), plus the moves a shop, a carrier and ops make, expressed through the real
 * handlers: the workflow under test is the real ASL on the local engine.
 */
public final class WorkflowStack implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

  /** Workflow time runs this much faster than real time: a day passes in under 90 seconds. */
  static final double TIME_SCALE = 1000;

  /** Waits no test means to reach: they never fire while a test runs. */
  static final ExecutionSettings PATIENT = new ExecutionSettings(86_400, 86_400, 86_400, 86_400);

  static final String CUSTOMER = "customer-wf";
  static final Address ADDRESS =
      new Address("Li Lei", "1 Main St", null, "Springfield", "IL", "62701", "US", "+15555550100");

  private static LocalStack stack;
  private static final AtomicInteger ORDER_NUMBERS = new AtomicInteger();

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (stack == null) {
      stack = LocalStack.start(LocalStack.Options.ephemeral().withTimeScale(TIME_SCALE));
      context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(WorkflowStack.class, this);
    }
  }

  @Override
  public void close() {
    stack.close();
  }

  static LocalStack stack() {
    return stack;
  }

  /** A catalog item in USD with that many units available. */
  static String product(String price, int available) {
    String sku = "WF-" + UUID.randomUUID().toString().substring(0, 8);
    stack.adapters().catalog().put(new CatalogItem(sku, "Item " + sku, Money.of(price, "USD"), true));
    stack.adapters().inventory().setAvailable(sku, available);
    return sku;
  }

  /** A PENDING order as the API stores it; the caller starts its workflow. */
  static Order placeOrder(String paymentToken, Address address, OrderLine... lines) {
    String orderId = "wf-" + ORDER_NUMBERS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now();
    Order order = Order.place(orderId, CUSTOMER, List.of(lines), address,
        new Order.PaymentMethod("card", paymentToken), Order.ShippingSpeed.STANDARD, null, now);
    stack.adapters().orders().create(order, List.of(TimelineEvent.of(now, "ORDER_PLACED", OrderStatus.PENDING)));
    return order;
  }

  static OrderLine line(String sku, int quantity) {
    Money price = stack.adapters().catalog().find(sku).map(CatalogItem::unitPrice).orElse(null);
    return new OrderLine(sku, quantity, price);
  }

  /** Starts the order's execution as the intake handler does: named after the order. */
  static String start(Order order, ExecutionSettings settings) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("orderId", order.orderId());
    input.put("settings", settings);
    return stack.engine()
        .startExecution(stack.stateMachineArn(Workflow.ORDER_FULFILLMENT), order.orderId(), Json.write(input))
        .executionArn();
  }

  static Order order(String orderId) {
    return stack.adapters().orders().find(orderId).orElseThrow();
  }

  /** Waits for the order to exist (a replacement order is created by a later step) and reach the status. */
  static Order awaitStatus(String orderId, OrderStatus status) {
    return Awaitility.await("order " + orderId + " reaches " + status)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> stack.adapters().orders().find(orderId), found -> found.map(Order::status).orElse(null) == status)
        .orElseThrow();
  }

  static ExecutionDescription awaitEnd(String executionArn) {
    Awaitility.await("execution ends")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> stack.engine().describeExecution(executionArn).status() != ExecutionStatus.RUNNING);
    return stack.engine().describeExecution(executionArn);
  }

  /** The names of the states the execution entered, in order. */
  static List<String> enteredStates(String executionArn) {
    List<String> names = new ArrayList<>();
    for (HistoryEvent event : stack.engine().getExecutionHistory(executionArn)) {
      if (event.type().endsWith("StateEntered")) {
        names.add(event.details().get("name").asText());
      }
    }
    return names;
  }

  static List<HistoryEvent> history(String executionArn) {
    return stack.engine().getExecutionHistory(executionArn);
  }

  /** The carrier's webhook call for a scan of the order's parcel, signed as the carrier signs. */
  static APIGatewayProxyResponseEvent carrierScan(Order order, String status, String exceptionCode) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("eventId", "evt-" + UUID.randomUUID());
    body.put("trackingNumber", order(order.orderId()).shipment().trackingNumber());
    body.put("status", status);
    body.put("occurredAt", Instant.now().toString());
    body.put("location", "Springfield, IL");
    if (exceptionCode != null) {
      body.put("exception", Map.of("code", exceptionCode, "message", "reported by the carrier"));
    }
    String raw = Json.write(body);
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withResource("/carriers/{carrier}/events")
        .withPath("/carriers/simcarrier/events")
        .withPathParameters(Map.of("carrier", "simcarrier"))
        .withHeaders(Map.of(
            "Content-Type", "application/json",
            CarrierSignatureVerifier.TIMESTAMP_HEADER, timestamp,
            CarrierSignatureVerifier.SIGNATURE_HEADER,
            CarrierSignatureVerifier.sign(stack.options().carrierSecret(), timestamp, raw)))
        .withBody(raw);
    return stack.functions().handle(LambdaFunction.TRACK, event);
  }

  /** A customer (or, with {@code ops}, an ops engineer) calling one of the API's POST routes. */
  static APIGatewayProxyResponseEvent post(String resource, String path, Map<String, String> pathParameters, boolean ops) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", ops ? "ops-wf" : CUSTOMER);
    if (ops) {
      claims.put("cognito:groups", "ops");
    }
    APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext();
    context.setAuthorizer(Map.of("claims", claims));
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
        .withHttpMethod("POST")
        .withResource(resource)
        .withPath(path)
        .withPathParameters(pathParameters)
        .withHeaders(Map.of("Content-Type", "application/json"))
        .withRequestContext(context)
        .withBody("{}");
    return stack.functions().handle(LambdaFunction.API, event);
  }

  /**
   * Makes every invocation of {@code function} whose payload names {@code id} (an order or return
   * id) and contains every one of {@code alsoContaining} fail with {@code failure}'s exception, as a
   * handler failing for good would, until the returned handle is closed.
   */
  static AutoCloseable failing(LambdaFunction function, String id, Supplier<Exception> failure, String... alsoContaining) {
    return stack.functions().inject((invoked, payload) -> {
      if (invoked == function && payload.contains("\"" + id + "\"")
          && java.util.Arrays.stream(alsoContaining).allMatch(payload::contains)) {
        throw failure.get();
      }
    });
  }

  static APIGatewayProxyResponseEvent cancel(Order order) {
    return post("/orders/{orderId}/cancel", "/orders/" + order.orderId() + "/cancel", Map.of("orderId", order.orderId()), false);
  }

  static APIGatewayProxyResponseEvent confirmReceipt(Order order) {
    return post("/orders/{orderId}/confirm-receipt", "/orders/" + order.orderId() + "/confirm-receipt",
        Map.of("orderId", order.orderId()), false);
  }

  static APIGatewayProxyResponseEvent releaseHold(Order order) {
    return post("/ops/orders/{orderId}/release-hold", "/ops/orders/" + order.orderId() + "/release-hold",
        Map.of("orderId", order.orderId()), true);
  }
}
