package io.orderflow.refund;

import io.orderflow.charge.IdempotentPaymentGateway;
import io.orderflow.charge.PaymentEvents;
import io.orderflow.charge.PaymentGateway;
import io.orderflow.charge.PaymentService;
import io.orderflow.idempotency.IdempotencyStore;
import io.orderflow.order.LedgerEntry;
import io.orderflow.order.Money;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.PaymentLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pays captured money back: the workflow after a delivery exception or timeout (everything), and
 * returns (part of it). Never more than captured minus already refunded, and at most once per
 * refund request, however often the request is repeated.
 */
public final class RefundService {

  private final OrderRepository orders;
  private final OrderUpdater updater;
  private final PaymentGateway gateway;
  private final Clock clock;

  public RefundService(
      OrderRepository orders, PaymentGateway gateway, IdempotencyStore idempotency, Clock clock) {
    this(orders, gateway, idempotency, clock, PaymentService.IDEMPOTENCY_LEASE);
  }

  /** @param idempotencyLease as for {@link PaymentService}: the refunds share the payment calls' lease */
  public RefundService(
      OrderRepository orders, PaymentGateway gateway, IdempotencyStore idempotency, Clock clock,
      Duration idempotencyLease) {
    this.orders = orders;
    this.updater = new OrderUpdater(orders);
    this.gateway = new IdempotentPaymentGateway(gateway, PaymentService.leased(idempotency, clock, idempotencyLease));
    this.clock = clock;
  }

  /** What this request refunded, and the order's payment afterwards. */
  public record Refunded(Money refunded, Payment payment) {}

  /** The order's payment as shops see it ({@code payment} in GET /orders/{orderId}). */
  public record Payment(PaymentLedger.Status status, Money authorized, Money captured, Money refunded) {
    static Payment of(PaymentLedger ledger) {
      return new Payment(ledger.status(), ledger.authorized(), ledger.captured(), ledger.refunded());
    }
  }

  /**
   * Refunds {@code amount}, or everything refundable when it is null (zero when nothing was
   * captured). Repeating a {@code requestId} returns the first result and moves no money.
   *
   * @param reason why, for the customer (e.g. {@code DELIVERY_EXCEPTION}, a return's reason)
   * @throws RefundExceedsCaptured if {@code amount} is more than captured minus refunded
   */
  public Refunded refund(String orderId, String requestId, Money amount, String reason) {
    Order order = orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
    PaymentLedger ledger = order.ledger();
    Optional<LedgerEntry> earlier = ledger.entries().stream().filter(e -> e.requestId().equals(requestId)).findFirst();
    if (earlier.isPresent()) {
      return new Refunded(earlier.get().amount(), Payment.of(ledger));
    }
    Money refundable = ledger.refundable();
    Money requested = amount == null ? refundable : amount;
    if (amount == null && refundable.isZero()) {
      return new Refunded(refundable, Payment.of(ledger));
    }
    if (!requested.isPositive()) {
      throw new IllegalArgumentException("a refund amount must be positive: " + requested);
    }
    if (requested.isGreaterThan(refundable)) {
      throw new RefundExceedsCaptured(orderId, requested, refundable);
    }
    String captureId = ledger.capture().orElseThrow().reference();
    // Request ids are unique per order (a return id, the workflow's reason); the provider's key is global.
    String refundId = gateway.refund("refund:" + orderId + ":" + requestId, captureId, requested);
    Instant now = clock.instant();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("amount", requested.amountString());
    data.put("currency", requested.currencyCode());
    if (reason != null) {
      data.put("reason", reason);
    }
    Notification refunded = new Notification(orderId, order.customerId(), "REFUNDED", data);
    Change change = updater.apply(orderId, current -> current.ledger().hasRequest(requestId)
        ? Change.none(current)
        : Change.to(
                current.withLedger(current.ledger().refund(requestId, requested, refundId, now), now),
                PaymentEvents.moved(now, "PAYMENT_REFUNDED", current.status(), requested, refundId))
            .notifying(refunded));
    return new Refunded(requested, Payment.of(change.order().ledger()));
  }
}
