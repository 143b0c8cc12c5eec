package io.orderflow.aftersales.returns;

import io.orderflow.order.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The return aggregate: what the customer sends back, why, what they want instead, and how far it
 * got. Immutable like {@link io.orderflow.order.Order}: every change returns {@code version + 1}
 * and the repository stores it only over the version it was read at. {@code history} is the
 * return's own log of status changes, shown to the customer.
 */
public record ProductReturn(
    String returnId,
    String orderId,
    String customerId,
    ReturnStatus status,
    String statusReason,
    List<ReturnLine> lines,
    ReturnReason reason,
    Resolution resolution,
    String comment,
    String rmaNumber,
    List<InspectedLine> inspection,
    Money refund,
    String replacementOrderId,
    String ticketId,
    AwaitedStep awaiting,
    List<HistoryEntry> history,
    Instant requestedAt,
    Instant updatedAt,
    long version) {

  /** A return workflow step parked on this return until ops (or the carrier) act. */
  public record AwaitedStep(Kind kind, String taskToken) {
    public enum Kind {
      /** A human decides: the return needed manual review. */
      REVIEW,
      PARCEL,
      INSPECTION
    }
  }

  /** One status change, with plain values for display. */
  public record HistoryEntry(Instant at, ReturnStatus status, String reason, Map<String, Object> detail) {
    public HistoryEntry {
      detail = detail == null ? Map.of() : Map.copyOf(detail);
    }
  }

  public ProductReturn {
    Objects.requireNonNull(returnId, "returnId");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(status, "status");
    lines = List.copyOf(lines);
    inspection = inspection == null ? List.of() : List.copyOf(inspection);
    history = history == null ? List.of() : List.copyOf(history);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a return has at least one line");
    }
  }

  /** A new return as the customer asks for it: REQUESTED, version 1. */
  public static ProductReturn request(
      String returnId,
      String orderId,
      String customerId,
      List<ReturnLine> lines,
      ReturnReason reason,
      Resolution resolution,
      String comment,
      Instant now) {
    return new ProductReturn(
        returnId, orderId, customerId, ReturnStatus.REQUESTED, null, lines, reason, resolution, comment,
        null, List.of(), null, null, null, null,
        List.of(new HistoryEntry(now, ReturnStatus.REQUESTED, null, Map.of())), now, now, 1);
  }

  /** Units per SKU, lines of the same SKU summed. */
  public Map<String, Integer> quantitiesBySku() {
    return sum(lines.stream().map(l -> Map.entry(l.sku(), l.quantity())).toList());
  }

  /**
   * Units the inspection accepts for a refund or an exchange: resellable ones, and damaged ones
   * when the damage is the seller's fault (it is what the customer reported).
   */
  public Map<String, Integer> acceptedQuantities() {
    return sum(inspection.stream()
        .filter(l -> l.condition() == InspectedLine.Condition.RESELLABLE || reason.isSellersFault())
        .map(l -> Map.entry(l.sku(), l.quantity()))
        .toList());
  }

  /** Units that go back on the shelf. */
  public Map<String, Integer> resellableQuantities() {
    return sum(inspection.stream()
        .filter(l -> l.condition() == InspectedLine.Condition.RESELLABLE)
        .map(l -> Map.entry(l.sku(), l.quantity()))
        .toList());
  }

  public boolean belongsTo(String customer) {
    return customerId.equals(customer);
  }

  public ProductReturn approve(String rma, Instant now) {
    return transition(ReturnStatus.APPROVED, null, Map.of("rmaNumber", rma), now, b -> b.rmaNumber = rma);
  }

  public ProductReturn reject(String why, Instant now) {
    return transition(ReturnStatus.REJECTED, why, Map.of(), now, b -> {});
  }

  /** Stays REQUESTED while a person reviews it through {@code ticket}; {@code step} waits for the decision. */
  public ProductReturn inReview(String ticket, AwaitedStep step, Instant now) {
    return copy(b -> {
      b.ticketId = ticket;
      b.awaiting = step;
    }, now);
  }

  public ProductReturn awaiting(AwaitedStep step, Instant now) {
    return copy(b -> b.awaiting = step, now);
  }

  public ProductReturn receive(Instant now) {
    return transition(ReturnStatus.RECEIVED, null, Map.of(), now, b -> {});
  }

  public ProductReturn inspect(List<InspectedLine> found, Instant now) {
    return transition(ReturnStatus.INSPECTED, null, Map.of(), now, b -> b.inspection = List.copyOf(found));
  }

  public ProductReturn refunded(Money amount, Instant now) {
    return transition(ReturnStatus.REFUNDED, null, Map.of("refund", amount.toString()), now, b -> b.refund = amount);
  }

  public ProductReturn exchanged(String replacement, Instant now) {
    return transition(
        ReturnStatus.EXCHANGED, null, Map.of("replacementOrderId", replacement), now,
        b -> b.replacementOrderId = replacement);
  }

  /** The replacement order exists, before it ships: kept so a retry reuses it. */
  public ProductReturn withReplacement(String replacement, Instant now) {
    return copy(b -> b.replacementOrderId = replacement, now);
  }

  public ProductReturn close(String why, Instant now) {
    return transition(ReturnStatus.CLOSED, why, Map.of(), now, b -> {});
  }

  private ProductReturn transition(
      ReturnStatus target, String why, Map<String, Object> detail, Instant now, Consumer<Builder> more) {
    if (!status.canMoveTo(target)) {
      throw new IllegalReturnTransition(returnId, status, target);
    }
    return copy(b -> {
      b.status = target;
      b.statusReason = why;
      b.awaiting = null;
      b.history.add(new HistoryEntry(now, target, why, detail));
      more.accept(b);
    }, now);
  }

  private ProductReturn copy(Consumer<Builder> change, Instant now) {
    Builder b = new Builder(this);
    change.accept(b);
    return new ProductReturn(
        returnId, orderId, customerId, b.status, b.statusReason, lines, reason, resolution, comment,
        b.rmaNumber, b.inspection, b.refund, b.replacementOrderId, b.ticketId, b.awaiting, b.history,
        requestedAt, now, version + 1);
  }

  private static Map<String, Integer> sum(List<Map.Entry<String, Integer>> quantities) {
    Map<String, Integer> bySku = new LinkedHashMap<>();
    quantities.forEach(e -> bySku.merge(e.getKey(), e.getValue(), Integer::sum));
    return bySku;
  }

  /** The parts of a return that change after it is requested. */
  private static final class Builder {
    ReturnStatus status;
    String statusReason;
    String rmaNumber;
    List<InspectedLine> inspection;
    Money refund;
    String replacementOrderId;
    String ticketId;
    AwaitedStep awaiting;
    List<HistoryEntry> history;

    Builder(ProductReturn r) {
      status = r.status;
      statusReason = r.statusReason;
      rmaNumber = r.rmaNumber;
      inspection = r.inspection;
      refund = r.refund;
      replacementOrderId = r.replacementOrderId;
      ticketId = r.ticketId;
      awaiting = r.awaiting;
      history = new ArrayList<>(r.history);
    }
  }
}
