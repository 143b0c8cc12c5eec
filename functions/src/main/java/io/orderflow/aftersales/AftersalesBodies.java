package io.orderflow.aftersales;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.aftersales.returns.InspectedLine;
import io.orderflow.aftersales.returns.Resolution;
import io.orderflow.aftersales.returns.ReturnLine;
import io.orderflow.aftersales.returns.ReturnReason;
import io.orderflow.aftersales.returns.ReturnRequests;
import io.orderflow.aftersales.tickets.TicketCategory;
import io.orderflow.api.ApiRequest;
import io.orderflow.api.FieldReader;
import io.orderflow.api.Identifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The after-sales request bodies, read strictly like every body of the API: unknown fields, wrong
 * types and values outside their range answer 400 with every problem at once, before anything is
 * stored.
 */
final class AftersalesBodies {

  static final int MAX_LINES = 100;
  static final int MAX_QUANTITY = 999;
  static final int MAX_COMMENT = 1000;
  static final int MAX_MESSAGE = 4000;

  private AftersalesBodies() {}

  /** A reviewer's verdict on a return under manual review. */
  enum Decision {
    APPROVE,
    REJECT
  }

  record NewTicket(String orderId, TicketCategory category, String message) {}

  record Rating(int rating, String comment) {}

  /** The optional body of resolve; {@code decision} null when the ticket is not about a review. */
  record Resolve(Decision decision, String note) {}

  /** {@code {"lines": [{"sku", "quantity"}], "reason", "resolution", "comment"}}. */
  static ReturnRequests.Request returnRequest(JsonNode body) {
    FieldReader root = FieldReader.body(body).allowOnly(Set.of("lines", "reason", "resolution", "comment"));
    List<ReturnLine> lines = new ArrayList<>();
    for (FieldReader line : root.objects("lines", 1, MAX_LINES)) {
      line.allowOnly(Set.of("sku", "quantity"));
      String sku = sku(line);
      Integer quantity = line.integer("quantity", 1, MAX_QUANTITY);
      if (sku != null && quantity != null) {
        lines.add(new ReturnLine(sku, quantity));
      }
    }
    ReturnReason reason = oneOf(root, "reason", ReturnReason.class);
    Resolution resolution = oneOf(root, "resolution", Resolution.class);
    String comment = root.optionalMultilineText("comment", MAX_COMMENT);
    root.throwIfInvalid();
    return new ReturnRequests.Request(lines, reason, resolution, comment);
  }

  /** {@code {"lines": [{"sku", "quantity", "condition": "RESELLABLE"|"DAMAGED"}]}}. */
  static List<InspectedLine> inspection(JsonNode body) {
    FieldReader root = FieldReader.body(body).allowOnly(Set.of("lines"));
    List<InspectedLine> lines = new ArrayList<>();
    for (FieldReader line : root.objects("lines", 1, MAX_LINES)) {
      line.allowOnly(Set.of("sku", "quantity", "condition"));
      String sku = sku(line);
      Integer quantity = line.integer("quantity", 1, MAX_QUANTITY);
      InspectedLine.Condition condition = oneOf(line, "condition", InspectedLine.Condition.class);
      if (sku != null && quantity != null && condition != null) {
        lines.add(new InspectedLine(sku, quantity, condition));
      }
    }
    root.throwIfInvalid();
    return lines;
  }

  /** {@code {"rating": 1..5, "comment"}}. */
  static Rating rating(JsonNode body) {
    FieldReader root = FieldReader.body(body).allowOnly(Set.of("rating", "comment"));
    Integer rating = root.integer("rating", 1, 5);
    String comment = root.optionalMultilineText("comment", MAX_COMMENT);
    root.throwIfInvalid();
    return new Rating(rating, comment);
  }

  /** {@code {"orderId" (optional), "category", "message"}}. */
  static NewTicket ticket(JsonNode body) {
    FieldReader root = FieldReader.body(body).allowOnly(Set.of("orderId", "category", "message"));
    String orderId = root.optionalText("orderId", 64);
    if (orderId != null && !Identifiers.isOrderId(orderId)) {
      root.problem("orderId", "is not an order id");
    }
    TicketCategory category = oneOf(root, "category", TicketCategory.class);
    String message = root.multilineText("message", MAX_MESSAGE);
    root.throwIfInvalid();
    return new NewTicket(orderId, category, message);
  }

  /** {@code {"message"}}. */
  static String reply(JsonNode body) {
    FieldReader root = FieldReader.body(body).allowOnly(Set.of("message"));
    String message = root.multilineText("message", MAX_MESSAGE);
    root.throwIfInvalid();
    return message;
  }

  /** {@code {"decision": "APPROVE"|"REJECT", "note"}}, or no body at all. */
  static Resolve resolve(ApiRequest request) {
    if (request.body() == null || request.body().isBlank()) {
      return new Resolve(null, null);
    }
    FieldReader root = FieldReader.body(request.json()).allowOnly(Set.of("decision", "note"));
    Decision decision = oneOf(root, "decision", Decision.class);
    String note = root.optionalMultilineText("note", MAX_COMMENT);
    root.throwIfInvalid();
    return new Resolve(decision, note);
  }

  private static String sku(FieldReader line) {
    String sku = line.text("sku", 64);
    if (sku != null && !Identifiers.isSku(sku)) {
      line.problem("sku", "must match " + Identifiers.SKU.pattern());
      return null;
    }
    return sku;
  }

  /** A required string naming one constant of {@code type}. */
  private static <E extends Enum<E>> E oneOf(FieldReader reader, String name, Class<E> type) {
    String value = reader.text(name, 64);
    if (value == null) {
      return null;
    }
    return Arrays.stream(type.getEnumConstants())
        .filter(constant -> constant.name().equals(value))
        .findFirst()
        .orElseGet(() -> {
          reader.problem(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
          return null;
        });
  }
}
