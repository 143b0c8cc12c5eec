package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.charge.PaymentHeld;
import io.orderflow.dispatch.TrackingNumbers;
import io.orderflow.local.LocalFunctions;
import io.orderflow.local.carrier.CarrierSimulator;
import io.orderflow.order.Address;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.store.Adapters;
import io.orderflow.track.CarrierSignatureVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Makes the sample events of {@code events/} work as shipped, as {@code sam local invoke}'s do.
 * They all tell one story about one order ({@link #SAMPLE_ORDER}): before an event runs, the
 * order (and its return, its tickets) is brought to the point where the event happens, by
 * invoking the story's earlier sample events with the real handlers: placed, then
 * {@code steps/validate.json}, {@code steps/reserve.json}, {@code steps/charge.json} and so on.
 * An order that already exists is used as it is. Signed carrier events are signed again with
 * the current time, which also becomes their {@code occurredAt}.
 */
final class SampleEvents {

  /** The order every sample event names. */
  static final String SAMPLE_ORDER = "3f2c9a7e-8b1d-4c6f-a5e2-9d0b7c4e1a68";
  static final String SAMPLE_CUSTOMER = "7d3f8b2e-5c1a-4e9b-9f6d-2a8c4b1e0f37";
  static final String SAMPLE_RETURN = SAMPLE_ORDER + "-R1";

  /** How far along the story an event happens; each stage is reached from the one before it. */
  enum Stage {
    NONE(null, null, null),
    PLACED(null, null, null),
    VALIDATED(PLACED, LambdaFunction.VALIDATE, "steps/validate.json"),
    RESERVED(VALIDATED, LambdaFunction.RESERVE, "steps/reserve.json"),
    PAID(RESERVED, LambdaFunction.CHARGE, "steps/charge.json"),
    /** Placed with {@code tok_riskReview}, so the charge holds it. */
    ON_HOLD(RESERVED, LambdaFunction.CHARGE, "steps/charge.json"),
    DISPATCHED(PAID, LambdaFunction.DISPATCH, "steps/dispatch.json"),
    PICKED_UP(DISPATCHED, LambdaFunction.TRACK, "carrier/picked-up.json"),
    CAPTURED(PICKED_UP, LambdaFunction.CAPTURE, "steps/capture.json"),
    DELIVERED(CAPTURED, LambdaFunction.TRACK, "carrier/delivered.json"),
    LOST(CAPTURED, LambdaFunction.TRACK, "carrier/exception-lost.json"),
    TICKETS(DELIVERED, LambdaFunction.TICKET_ROUTER, "aftersales/ticket-requests-batch.json"),
    RETURN_REQUESTED(DELIVERED, LambdaFunction.AFTERSALES_API, "aftersales/request-return.json"),
    RETURN_APPROVED(RETURN_REQUESTED, LambdaFunction.REVIEW_RETURN, "aftersales/step-review-return.json"),
    RETURN_RECEIVED(RETURN_APPROVED, LambdaFunction.AFTERSALES_API, "aftersales/ops-receive-return.json"),
    RETURN_INSPECTED(RETURN_RECEIVED, LambdaFunction.AFTERSALES_API, "aftersales/ops-inspect-return.json"),
    /** A return a reviewer must decide on (reason OTHER), with its ticket open. */
    RETURN_IN_REVIEW(DELIVERED, LambdaFunction.AFTERSALES_API, "aftersales/request-return.json"),
    /** An exchange instead of a refund, inspected. */
    EXCHANGE_INSPECTED(DELIVERED, LambdaFunction.AFTERSALES_API, "aftersales/request-return.json"),
    EXCHANGE_REPLACED(EXCHANGE_INSPECTED, LambdaFunction.PLACE_REPLACEMENT, "aftersales/step-place-replacement.json");

    final Stage previous;
    final LambdaFunction function;
    final String event;

    Stage(Stage previous, LambdaFunction function, String event) {
      this.previous = previous;
      this.function = function;
      this.event = event;
    }
  }

  private final Path events;
  private final LocalFunctions functions;
  private final Adapters adapters;
  private final String carrierSecret;
  private final PrintStream log;
  private final String sampleOrder;
  private final UnaryOperator<String> rewrite;

  SampleEvents(Path events, LocalFunctions functions, Adapters adapters, String carrierSecret, PrintStream log) {
    this(events, functions, adapters, carrierSecret, log, SAMPLE_ORDER, UnaryOperator.identity());
  }

  /**
   * The story told about {@code sampleOrder} instead: {@code rewrite} turns each of the story's
   * sample events into the same event about that order (tests run every sample on one stack so).
   */
  SampleEvents(Path events, LocalFunctions functions, Adapters adapters, String carrierSecret, PrintStream log,
      String sampleOrder, UnaryOperator<String> rewrite) {
    this.events = events;
    this.functions = functions;
    this.adapters = adapters;
    this.carrierSecret = carrierSecret;
    this.log = log;
    this.sampleOrder = sampleOrder;
    this.rewrite = rewrite;
  }

  /**
   * Brings the stack to where {@code payload} (for {@code function}) happens, if it names the
   * sample order and that order is not there yet, and returns the payload to invoke: signed again
   * if it is a carrier's.
   */
  String prepare(LambdaFunction function, String payload) throws Exception {
    JsonNode event = Json.read(payload, JsonNode.class);
    if (function == LambdaFunction.INTAKE) {
      placeIntakeOrders(event);
    } else if (namesSampleOrder(event) && adapters.orders().find(sampleOrder).isEmpty()) {
      Stage stage = stageOf(function, event);
      if (stage != Stage.NONE) {
        List<String> steps = new ArrayList<>();
        reach(stage, stage, steps);
        log.println("Prepared the sample order " + sampleOrder + " for this event: " + String.join(", ", steps) + ".");
      }
    } else if (namesSampleOrder(event)) {
      log.println("The stack has the sample order " + sampleOrder + " already: used as it is ("
          + adapters.orders().find(sampleOrder).orElseThrow().status() + ").");
    }
    return function == LambdaFunction.TRACK ? signedNow(event) : payload;
  }

  /** The point of the story {@code event} happens at. */
  static Stage stageOf(LambdaFunction function, JsonNode event) {
    return switch (function) {
      case VALIDATE -> Stage.PLACED;
      case RESERVE -> Stage.VALIDATED;
      case RELEASE, EXPIRE_RESERVATIONS -> Stage.RESERVED;
      case CHARGE -> Stage.RESERVED;
      case DISPATCH, VOID -> Stage.PAID;
      case CAPTURE -> Stage.PICKED_UP;
      case CLOSE -> Stage.DELIVERED;
      case REFUND -> Stage.LOST;
      case AWAIT -> switch (event.path("event").asText()) {
        case "HOLD_RELEASE" -> Stage.ON_HOLD;
        case "DELIVERY" -> Stage.CAPTURED;
        case "RECEIPT" -> Stage.DELIVERED;
        default -> Stage.PLACED;
      };
      case TRACK -> bodyOf(event).path("status").asText().equals("PICKED_UP") ? Stage.DISPATCHED : Stage.CAPTURED;
      case API, AFTERSALES_API -> stageOfRoute(event.path("httpMethod").asText() + " " + event.path("resource").asText());
      case REVIEW_RETURN -> Stage.RETURN_REQUESTED;
      case AWAIT_RETURN -> event.path("event").asText().equals("INSPECTION") ? Stage.RETURN_RECEIVED : Stage.RETURN_APPROVED;
      case CLOSE_RETURN -> Stage.RETURN_APPROVED;
      case REFUND_RETURN -> Stage.RETURN_INSPECTED;
      case PLACE_REPLACEMENT -> Stage.EXCHANGE_INSPECTED;
      case COMPLETE_EXCHANGE -> Stage.EXCHANGE_REPLACED;
      case TICKET_ROUTER -> Stage.PLACED;
      default -> Stage.NONE;
    };
  }

  private static Stage stageOfRoute(String route) {
    return switch (route) {
      case "POST /orders/{orderId}/cancel" -> Stage.PAID;
      case "POST /orders/{orderId}/confirm-receipt", "POST /orders/{orderId}/returns",
          "POST /orders/{orderId}/feedback" -> Stage.DELIVERED;
      case "POST /ops/orders/{orderId}/release-hold" -> Stage.ON_HOLD;
      case "GET /orders/{orderId}/returns", "GET /returns/{returnId}" -> Stage.RETURN_REQUESTED;
      case "POST /ops/returns/{returnId}/receive" -> Stage.RETURN_APPROVED;
      case "POST /ops/returns/{returnId}/inspection" -> Stage.RETURN_RECEIVED;
      case "GET /tickets/{ticketId}", "POST /ops/tickets/{ticketId}/reply" -> Stage.TICKETS;
      case "POST /ops/tickets/{ticketId}/resolve" -> Stage.RETURN_IN_REVIEW;
      case "GET /orders", "GET /ops/orders", "GET /orders/{orderId}", "GET /orders/{orderId}/timeline",
          "POST /tickets" -> Stage.PLACED;
      default -> Stage.NONE;
    };
  }

  /** Whether the event is about the sample order (its id, its parcel's, its return's, its tickets). */
  private boolean namesSampleOrder(JsonNode event) {
    return Json.write(event).contains(sampleOrder)
        || bodyOf(event).path("trackingNumber").asText().equals(TrackingNumbers.forOrder(CarrierSimulator.CARRIER, sampleOrder))
        || event.path("resource").asText().startsWith("/tickets/")
        || event.path("resource").asText().startsWith("/ops/tickets/")
        || event.path("resource").asText().equals("/orders")
        || event.path("resource").asText().equals("/ops/orders");
  }

  private void reach(Stage stage, Stage goal, List<String> steps) throws Exception {
    if (stage == Stage.NONE) {
      return;
    }
    if (stage == Stage.PLACED) {
      place(sampleOrder, goal == Stage.ON_HOLD ? "tok_riskReview" : "tok_visa");
      steps.add("placed");
      return;
    }
    reach(stage.previous, goal, steps);
    String payload = read(stage.event);
    JsonNode event = Json.read(payload, JsonNode.class);
    switch (stage) {
      case RETURN_IN_REVIEW -> {
        invokeStep(stage.function, withBodyField(event, "reason", "OTHER"), steps, stage.event + " (reason OTHER)");
        invokeStep(LambdaFunction.REVIEW_RETURN, read("aftersales/step-review-return.json"), steps,
            "aftersales/step-review-return.json");
        invokeStep(LambdaFunction.TICKET_ROUTER, read("aftersales/ticket-requests-batch.json"), steps,
            "aftersales/ticket-requests-batch.json");
      }
      case EXCHANGE_INSPECTED -> {
        invokeStep(stage.function, withBodyField(event, "resolution", "EXCHANGE"), steps, stage.event + " (EXCHANGE)");
        for (Stage step : List.of(Stage.RETURN_APPROVED, Stage.RETURN_RECEIVED, Stage.RETURN_INSPECTED)) {
          invokeStep(step.function, read(step.event), steps, step.event);
        }
      }
      case PICKED_UP, DELIVERED, LOST -> invokeStep(stage.function, signedNow(event), steps, stage.event);
      case ON_HOLD -> {
        // The risk review holds the payment: the step fails with PaymentHeld, the order waits ON_HOLD.
        try {
          invokeStep(stage.function, payload, steps, stage.event);
        } catch (PaymentHeld held) {
          steps.add(stage.event + " (held for risk review)");
        }
      }
      default -> invokeStep(stage.function, payload, steps, stage.event);
    }
  }

  private void invokeStep(LambdaFunction function, String payload, List<String> steps, String name) throws Exception {
    String response = functions.invoke(function, payload);
    Optional<String> refused = InvokeCommand.failure(response);
    if (refused.isPresent()) {
      throw new IllegalStateException("preparing the sample order, " + name + " answered " + refused.get());
    }
    steps.add(name);
  }

  private String read(String name) throws IOException {
    return rewrite.apply(Files.readString(events.resolve(name)));
  }

  /** The intake batch's orders, placed (as the API would have) unless they exist. */
  private void placeIntakeOrders(JsonNode batch) {
    Set<String> placed = new LinkedHashSet<>();
    for (JsonNode record : batch.path("Records")) {
      String orderId = Json.read(record.path("body").asText("{}"), JsonNode.class).path("orderId").asText("");
      if (orderId.matches("[0-9a-f-]{36}") && adapters.orders().find(orderId).isEmpty()) {
        place(orderId, "tok_visa");
        placed.add(orderId);
      }
    }
    if (!placed.isEmpty()) {
      log.println("Placed the orders this batch names, as the API would have: " + String.join(", ", placed) + ".");
    }
  }

  /** The order of {@code api/post-order.json}, stored PENDING as the API stores it (without its intake message). */
  private void place(String orderId, String paymentToken) {
    Instant now = adapters.clock().instant();
    Map<String, CatalogItem> catalog = adapters.catalog().findAll(List.of("SKU-1", "SKU-2"));
    if (catalog.size() < 2) {
      throw new IllegalStateException("the sample order needs SKU-1 and SKU-2 in the catalog (serve seeds them)");
    }
    Order order = Order.place(orderId, SAMPLE_CUSTOMER,
        List.of(new OrderLine("SKU-1", 2, catalog.get("SKU-1").unitPrice()),
            new OrderLine("SKU-2", 1, catalog.get("SKU-2").unitPrice())),
        new Address("Li Lei", "1 Main St", "Apt 2", "Springfield", "IL", "62701", "US", "+15555550100"),
        new Order.PaymentMethod("card", paymentToken), Order.ShippingSpeed.STANDARD, null, now);
    adapters.orders().create(order, List.of(TimelineEvent.of(now, "ORDER_PLACED", OrderStatus.PENDING)));
  }

  /** A carrier event as the carrier would send it now: {@code occurredAt} now, signed with the current time. */
  String signedNow(JsonNode event) {
    ObjectNode copy = event.deepCopy();
    ObjectNode body = (ObjectNode) bodyOf(event);
    // Not rounded down: a scan cannot be older than the order it is for (the webhook refuses it).
    Instant now = adapters.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    if (body.has("occurredAt")) {
      body.put("occurredAt", now.toString());
    }
    String rawBody = Json.write(body);
    String timestamp = String.valueOf(now.getEpochSecond());
    String signature = CarrierSignatureVerifier.sign(carrierSecret, timestamp, rawBody);
    copy.put("body", rawBody);
    copy.put("isBase64Encoded", false);
    for (String headers : List.of("headers", "multiValueHeaders")) {
      if (copy.get(headers) instanceof ObjectNode map) {
        boolean multi = headers.equals("multiValueHeaders");
        map.set(CarrierSignatureVerifier.TIMESTAMP_HEADER, value(multi, timestamp));
        map.set(CarrierSignatureVerifier.SIGNATURE_HEADER, value(multi, signature));
      }
    }
    return Json.write(copy);
  }

  private static JsonNode value(boolean multi, String text) {
    if (!multi) {
      return Json.MAPPER.getNodeFactory().textNode(text);
    }
    ArrayNode values = Json.MAPPER.createArrayNode();
    values.add(text);
    return values;
  }

  private static JsonNode bodyOf(JsonNode event) {
    String body = event.path("body").asText("{}");
    try {
      JsonNode parsed = Json.MAPPER.readTree(body);
      return parsed != null && parsed.isObject() ? parsed : Json.MAPPER.createObjectNode();
    } catch (IOException e) {
      return Json.MAPPER.createObjectNode();
    }
  }

  private static String withBodyField(JsonNode event, String field, String value) {
    ObjectNode copy = event.deepCopy();
    ObjectNode body = (ObjectNode) bodyOf(event);
    body.put(field, value);
    copy.put("body", Json.write(body));
    return Json.write(copy);
  }
}
