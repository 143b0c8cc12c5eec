package io.orderflow.charge;

import static io.orderflow.order.OrderStatus.CANCELLED;
import static io.orderflow.order.OrderStatus.ON_HOLD;
import static io.orderflow.order.OrderStatus.PAID;
import static io.orderflow.order.OrderStatus.RESERVED;

import io.orderflow.charge.PaymentGateway.Authorization;
import io.orderflow.idempotency.Idempotency;
import io.orderflow.idempotency.IdempotencyStore;
import io.orderflow.order.LedgerEntry;
import io.orderflow.order.Money;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.OrderCancelled;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.PaymentLedger;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.LambdaFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The order's money with the provider: authorize after the stock is reserved, capture once the
 * carrier has the parcel, void an authorization the order no longer needs. Each movement is one
 * provider call (at most once per request id) and one ledger entry with its timeline event.
 */
public final class PaymentService {

  /**
   * How long a provider call's idempotency claim holds its key, from the timeouts of the functions
   * that make the calls, so the two cannot drift apart. The workflow's retries on
   * {@link PaymentGatewayUnavailable} wait longer than this in total, so a step retried after a
   * crash mid-call takes the claim over instead of failing while it lasts.
   */
  public static final Duration IDEMPOTENCY_LEASE = Idempotency.lease(longest(
      LambdaFunction.CHARGE.timeout(), LambdaFunction.CAPTURE.timeout(), LambdaFunction.VOID.timeout(),
      LambdaFunction.REFUND.timeout(), LambdaFunction.REFUND_RETURN.timeout()));

  private final OrderRepository orders;
  private final OrderUpdater updater;
  private final PaymentGateway gateway;
  private final Clock clock;

  public PaymentService(
      OrderRepository orders, PaymentGateway gateway, IdempotencyStore idempotency, Clock clock) {
    this(orders, gateway, idempotency, clock, IDEMPOTENCY_LEASE);
  }

  /**
   * @param idempotencyLease how long a provider call's claim holds its key: {@link
   *     #IDEMPOTENCY_LEASE} on AWS; the local stack scales it with workflow time, as it scales the
   *     retry intervals that must outlast it
   */
  public PaymentService(
      OrderRepository orders, PaymentGateway gateway, IdempotencyStore idempotency, Clock clock,
      Duration idempotencyLease) {
    this.orders = orders;
    this.updater = new OrderUpdater(orders);
    this.gateway = new IdempotentPaymentGateway(gateway, leased(idempotency, clock, idempotencyLease));
    this.clock = clock;
  }

  /** The charge step's result. */
  public record Paid(OrderStatus status, String authorizationId) {}

  /**
   * Authorizes the order's total and moves it from RESERVED to PAID; a retry returns the same.
   *
   * @param attempt the step's retry count, for the provider (see {@link PaymentGateway#authorize})
   * @throws PaymentDeclined after recording CANCELLED (PAYMENT_DECLINED)
   * @throws PaymentHeld after recording the authorization and ON_HOLD (RISK_REVIEW)
   * @throws PaymentGatewayUnavailable if the provider failed transiently (the step retries)
   * @throws OrderCancelled if the customer cancelled meanwhile
   */
  public Paid authorize(String orderId, int attempt) {
    Order order = find(orderId);
    if (order.status() == RESERVED) {
      String requestId = authorizeRequest(orderId);
      Money amount = order.total();
      String token = order.paymentMethod() == null ? null : order.paymentMethod().token();
      Authorization answer = gateway.authorize(requestId, token, amount, attempt);
      Instant now = clock.instant();
      Change change = updater.apply(orderId, current -> answer.outcome() == Authorization.Outcome.DECLINED
          ? recordDecline(current, answer, now)
          : recordAuthorization(current, answer, amount, now));
      if (change.changed() && answer.outcome() == Authorization.Outcome.DECLINED) {
        throw new PaymentDeclined(orderId, answer.declineCode());
      }
      order = change.order();
    }
    return switch (order.status()) {
      case CANCELLED -> throw order.statusReason() == StatusReason.PAYMENT_DECLINED
          ? new PaymentDeclined(orderId, "recorded by an earlier attempt")
          : new OrderCancelled(orderId);
      case ON_HOLD -> throw new PaymentHeld(orderId);
      case PENDING, VALIDATED, RESERVED, REJECTED ->
          throw new IllegalStateException("order " + orderId + " is " + order.status() + ", not ready to charge");
      default -> new Paid(PAID, order.ledger().authorization().map(LedgerEntry::reference).orElseThrow());
    };
  }

  /**
   * Captures everything still authorized; a retry returns what was captured.
   *
   * @return the captured amount
   * @throws OrderCancelled if the order was cancelled
   */
  public Money capture(String orderId) {
    Order order = find(orderId);
    if (order.status() == CANCELLED) {
      throw new OrderCancelled(orderId);
    }
    PaymentLedger ledger = order.ledger();
    if (ledger.capture().isPresent()) {
      return ledger.captured();
    }
    LedgerEntry authorization = ledger.authorization()
        .orElseThrow(() -> new IllegalStateException("order " + orderId + " has no authorization to capture"));
    Money amount = ledger.capturable();
    if (!amount.isPositive()) {
      throw new IllegalStateException("order " + orderId + " has nothing left to capture: its authorization was voided");
    }
    String requestId = "capture:" + orderId;
    String captureId = gateway.capture(requestId, authorization.reference(), amount);
    Instant now = clock.instant();
    Order captured = updater.update(orderId, current -> current.ledger().hasRequest(requestId)
        ? Change.none(current)
        : Change.to(
            current.withLedger(current.ledger().capture(requestId, amount, captureId, now), now),
            PaymentEvents.moved(now, "PAYMENT_CAPTURED", current.status(), amount, captureId)));
    return captured.ledger().captured();
  }

  /**
   * Voids the open authorization, if there is one and nothing was captured. A compensation: it
   * never fails for business reasons, and a retry after a void answers true again.
   *
   * @return whether the order's authorization is voided by this or an earlier call
   */
  public boolean voidAuthorization(String orderId) {
    Order order = find(orderId);
    PaymentLedger ledger = order.ledger();
    String requestId = "void:" + orderId;
    if (ledger.hasRequest(requestId)) {
      return true;
    }
    if (ledger.authorization().isEmpty() || ledger.captured().isPositive() || !ledger.capturable().isPositive()) {
      return false;
    }
    Money open = ledger.capturable();
    String voidId = gateway.voidAuthorization(requestId, ledger.authorization().get().reference());
    Instant now = clock.instant();
    updater.update(orderId, current -> current.ledger().hasRequest(requestId)
        ? Change.none(current)
        : Change.to(
            current.withLedger(current.ledger().voidAuthorization(requestId, voidId, now), now),
            PaymentEvents.moved(now, "PAYMENT_VOIDED", current.status(), open, voidId)));
    return true;
  }

  /** The ledger request id of an order's authorization, also the provider's idempotency key. */
  private static String authorizeRequest(String orderId) {
    return "authorize:" + orderId;
  }

  /**
   * RESERVED → PAID, or ON_HOLD when the provider wants a review. If the customer cancelled while
   * the provider answered, the authorization is still booked (no status change) so that the
   * workflow's VoidPayment compensation finds and releases it.
   */
  private static Change recordAuthorization(Order order, Authorization answer, Money amount, Instant now) {
    String requestId = authorizeRequest(order.orderId());
    if (order.ledger().hasRequest(requestId)) {
      return Change.none(order);
    }
    PaymentLedger ledger = order.ledger().authorize(requestId, amount, answer.authorizationId(), now);
    if (order.status() != RESERVED) {
      return Change.to(order.withLedger(ledger, now),
          PaymentEvents.moved(now, "PAYMENT_AUTHORIZED", order.status(), amount, answer.authorizationId()));
    }
    boolean held = answer.outcome() == Authorization.Outcome.REVIEW;
    OrderStatus target = held ? ON_HOLD : PAID;
    return Change.to(
        order.inOneVersion(o -> o.withLedger(ledger, now).moveTo(target, held ? StatusReason.RISK_REVIEW : null, now)),
        PaymentEvents.moved(now, held ? "PAYMENT_HELD" : "PAYMENT_AUTHORIZED", target, amount, answer.authorizationId()));
  }

  private static Change recordDecline(Order order, Authorization answer, Instant now) {
    if (order.status() != RESERVED) {
      return Change.none(order);
    }
    return Change.to(
            order.moveTo(CANCELLED, StatusReason.PAYMENT_DECLINED, now),
            new TimelineEvent(now, "PAYMENT_DECLINED", CANCELLED, Map.of("declineCode", answer.declineCode())))
        .notifying(new Notification(order.orderId(), order.customerId(), "ORDER_CANCELLED",
            Map.of("reason", StatusReason.PAYMENT_DECLINED.name())));
  }

  private Order find(String orderId) {
    return orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
  }

  /** The idempotency every provider call goes through: claims are leases of {@code lease}. */
  public static Idempotency leased(IdempotencyStore store, Clock clock, Duration lease) {
    return new Idempotency(store, clock, lease, Idempotency.RETENTION);
  }

  private static Duration longest(Duration... durations) {
    Duration longest = Duration.ZERO;
    for (Duration duration : durations) {
      longest = duration.compareTo(longest) > 0 ? duration : longest;
    }
    return longest;
  }
}
