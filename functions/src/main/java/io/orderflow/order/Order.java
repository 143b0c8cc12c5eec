package io.orderflow.order;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The order aggregate. Immutable: every change returns a new order with {@code version + 1}, and
 * the repository stores it only if the stored version is still the one it was read at
 * (optimistic locking), so concurrent writers never overwrite each other.
 */
public record Order(
    String orderId,
    String customerId,
    OrderStatus status,
    StatusReason statusReason,
    List<OrderLine> lines,
    Address shippingAddress,
    PaymentMethod paymentMethod,
    ShippingSpeed shippingSpeed,
    Invoice invoice,
    PaymentLedger ledger,
    Shipment shipment,
    LocalDate eta,
    Instant createdAt,
    Instant updatedAt,
    Instant deliveredAt,
    AwaitedEvent awaiting,
    long version) {

  public enum ShippingSpeed {
    STANDARD,
    EXPRESS
  }

  /** How the customer pays: a method and the payment provider's token. */
  public record PaymentMethod(String method, String token) {}

  /** Invoice details a business customer asked for. */
  public record Invoice(String title, String taxId) {}

  /**
   * A workflow step parked on this order until an outside event (ops release, carrier pickup or
   * delivery, customer receipt) resumes it with the task token.
   */
  public record AwaitedEvent(Kind kind, String taskToken) {
    public enum Kind {
      HOLD_RELEASE,
      PICKUP,
      DELIVERY,
      RECEIPT
    }
  }

  public Order {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(status, "status");
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("an order has at least one line");
    }
  }

  /** A new order as the API accepts it: PENDING, priced from the catalog, version 1. */
  public static Order place(
      String orderId,
      String customerId,
      List<OrderLine> lines,
      Address shippingAddress,
      PaymentMethod paymentMethod,
      ShippingSpeed shippingSpeed,
      Invoice invoice,
      Instant now) {
    Currency currency = lines.stream()
        .filter(line -> line.unitPrice() != null)
        .map(line -> line.unitPrice().currency())
        .findFirst()
        .orElse(Currency.getInstance("USD"));
    return new Order(
        orderId, customerId, OrderStatus.PENDING, null, lines, shippingAddress, paymentMethod,
        shippingSpeed == null ? ShippingSpeed.STANDARD : shippingSpeed, invoice,
        PaymentLedger.empty(currency), null, null, now, now, null, null, 1);
  }

  /** The sum of the priced lines, in the order's currency. */
  public Money total() {
    Money total = Money.zero(ledger.currency());
    for (OrderLine line : lines) {
      if (line.unitPrice() != null && line.unitPrice().currency().equals(ledger.currency())) {
        total = total.plus(line.lineTotal());
      }
    }
    return total;
  }

  /** Quantities per SKU, lines of the same SKU summed, in first-seen order. */
  public Map<String, Integer> quantitiesBySku() {
    Map<String, Integer> quantities = new LinkedHashMap<>();
    for (OrderLine line : lines) {
      quantities.merge(line.sku(), line.quantity(), Integer::sum);
    }
    return quantities;
  }

  /**
   * Moves to {@code target}, or throws {@link IllegalTransition}. Moving to the status the order
   * already has is refused too: callers check {@link #status()} first to stay idempotent.
   */
  public Order moveTo(OrderStatus target, StatusReason reason, Instant now) {
    if (!status.canMoveTo(target)) {
      throw new IllegalTransition(orderId, status, target);
    }
    return copy(b -> {
      b.status = target;
      b.statusReason = reason;
      b.awaiting = null;
      if (target == OrderStatus.DELIVERED) {
        b.deliveredAt = now;
      }
    }, now);
  }

  public Order withLedger(PaymentLedger next, Instant now) {
    return copy(b -> b.ledger = next, now);
  }

  public Order withShipment(Shipment next, Instant now) {
    return copy(b -> b.shipment = next, now);
  }

  public Order withEta(LocalDate next, Instant now) {
    return copy(b -> b.eta = next, now);
  }

  public Order awaiting(AwaitedEvent next, Instant now) {
    return copy(b -> b.awaiting = next, now);
  }

  public Order withLines(List<OrderLine> next, Instant now) {
    return copy(b -> b.lines = new ArrayList<>(next), now);
  }

  /**
   * Applies several changes (say {@code moveTo} then {@code withShipment}) as one new version: each
   * change method counts a version, but one write must store exactly {@code version + 1}.
   */
  public Order inOneVersion(java.util.function.UnaryOperator<Order> changes) {
    Order changed = changes.apply(this);
    return new Order(
        orderId, customerId, changed.status, changed.statusReason, changed.lines, shippingAddress,
        paymentMethod, shippingSpeed, invoice, changed.ledger, changed.shipment, changed.eta,
        createdAt, changed.updatedAt, changed.deliveredAt, changed.awaiting, version + 1);
  }

  /** The task token a workflow step parked on this order to wait for {@code kind}, if one is. */
  public Optional<String> parkedToken(AwaitedEvent.Kind kind) {
    return Optional.ofNullable(awaiting)
        .filter(awaited -> awaited.kind() == kind)
        .map(AwaitedEvent::taskToken);
  }

  public boolean belongsTo(String customer) {
    return customerId.equals(customer);
  }

  private Order copy(java.util.function.Consumer<Builder> change, Instant now) {
    Builder b = new Builder(this);
    change.accept(b);
    return new Order(
        orderId, customerId, b.status, b.statusReason, b.lines, shippingAddress, paymentMethod,
        shippingSpeed, invoice, b.ledger, b.shipment, b.eta, createdAt, now, b.deliveredAt,
        b.awaiting, version + 1);
  }

  /** The parts of an order that change after it is placed. */
  private static final class Builder {
    OrderStatus status;
    StatusReason statusReason;
    List<OrderLine> lines;
    PaymentLedger ledger;
    Shipment shipment;
    LocalDate eta;
    Instant deliveredAt;
    AwaitedEvent awaiting;

    Builder(Order order) {
      status = order.status;
      statusReason = order.statusReason;
      lines = order.lines;
      ledger = order.ledger;
      shipment = order.shipment;
      eta = order.eta;
      deliveredAt = order.deliveredAt;
      awaiting = order.awaiting;
    }
  }
}
