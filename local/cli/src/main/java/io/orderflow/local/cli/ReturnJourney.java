package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.cli.DemoScenario.ReturnPlan;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One demo return carried to its end over HTTP, a step per look, as the people involved would:
 * the shopper asks for it once the order is delivered, a reviewer approves it through its ticket
 * if the policy wanted a person, ops receive the parcel and report what was in it. The workflow
 * does the rest (refund, or replacement shipped through the carrier).
 */
final class ReturnJourney {

  private static final Set<String> RETURNABLE = Set.of("DELIVERED", "COMPLETED");
  private static final Set<String> FINAL_STATUSES = Set.of("REFUNDED", "EXCHANGED", "REJECTED", "CLOSED");

  private final String orderId;
  private final ReturnPlan plan;
  private String returnId;
  private JsonNode current;
  private boolean settled;

  ReturnJourney(String orderId, ReturnPlan plan) {
    this.orderId = orderId;
    this.plan = plan;
  }

  /** Requests the return once the order is returnable, then takes whatever step its status asks for. */
  void advance(ApiClient shop, ApiClient ops, String orderStatus) {
    if (returnId == null) {
      if (RETURNABLE.contains(orderStatus)) {
        returnId = ApiClient.json(shop.post("/orders/" + orderId + "/returns", plan.request()), 202)
            .path("returnId").asText();
      }
      return;
    }
    current = ApiClient.json(shop.get("/returns/" + returnId), 200);
    switch (status()) {
      // The review ticket reaches the desk through a queue: until it is there, try again next look.
      case "REQUESTED" -> reviewTicket(shop.timeline(orderId)).ifPresent(ticketId ->
          ops.post("/ops/tickets/" + ticketId + "/resolve", Map.of("decision", "APPROVE")));
      case "APPROVED" -> ApiClient.json(ops.post("/ops/returns/" + returnId + "/receive", null), 200);
      case "RECEIVED" -> ApiClient.json(ops.post("/ops/returns/" + returnId + "/inspection", plan.inspection()), 200);
      // The timeline event is the last write of a resolution: once it is there, the story is complete.
      default -> settled = FINAL_STATUSES.contains(status()) && recorded(shop.timeline(orderId), "RETURN_" + status());
    }
  }

  /** Requested (the order was returnable), so the story goes on until the return ends. */
  boolean begun() {
    return returnId != null;
  }

  boolean settled() {
    return settled;
  }

  /** The return's last seen status, or PENDING before the shopper asked. */
  String status() {
    return current == null ? (begun() ? "REQUESTED" : "PENDING") : current.path("status").asText();
  }

  /** One line on how the return ended: its refund or its replacement order. */
  String summary() {
    if (!begun()) {
      return "no return: the order never became returnable";
    }
    StringBuilder line = new StringBuilder("return ").append(returnId).append(" (").append(plan.quantity())
        .append(" × ").append(plan.sku()).append(", ").append(plan.reason()).append(" → ").append(plan.resolution())
        .append("): ").append(status());
    if (current != null && current.path("refund").isObject()) {
      line.append(", refund ").append(money(current.path("refund")));
    }
    if (current != null && current.path("replacementOrderId").isTextual()) {
      line.append(", replacement order ").append(current.path("replacementOrderId").asText());
    }
    return line.toString();
  }

  static String money(JsonNode money) {
    return money.path("amount").asText() + " " + money.path("currency").asText();
  }

  private Optional<String> reviewTicket(List<JsonNode> timeline) {
    return timeline.stream()
        .filter(event -> isAboutThisReturn(event, "RETURN_IN_REVIEW"))
        .map(event -> event.path("detail").path("ticketId").asText())
        .findFirst();
  }

  private boolean recorded(List<JsonNode> timeline, String type) {
    return timeline.stream().anyMatch(event -> isAboutThisReturn(event, type));
  }

  private boolean isAboutThisReturn(JsonNode event, String type) {
    return event.path("type").asText().equals(type) && event.path("detail").path("returnId").asText().equals(returnId);
  }
}
