package io.orderflow.api;

import io.orderflow.charge.PaymentService;
import io.orderflow.order.AwaitOrderEvents.Resumed;
import io.orderflow.order.IllegalTransition;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.Order.AwaitedEvent;
import io.orderflow.order.OrderCancelled;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.reserve.ReservationService;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * What people decide about a running order: the customer cancels or confirms receipt, ops release
 * a held order. Each decision is stored first and then resolves the workflow step parked on the
 * order, if one is; a step that parks later sees the new status and resolves itself, so neither
 * order of events loses the decision. A cancel also settles the order's stock and money itself,
 * rather than trusting a workflow that may have failed or be gone.
 */
final class OrderDecisions {

  private final OrderUpdater updater;
  private final WorkflowCallbacks callbacks;
  private final Clock clock;

  private final ReservationService reservations;
  private final PaymentService payments;

  OrderDecisions(
      OrderRepository orders,
      WorkflowCallbacks callbacks,
      Clock clock,
      ReservationService reservations,
      PaymentService payments) {
    this.updater = new OrderUpdater(orders);
    this.callbacks = callbacks;
    this.clock = clock;
    this.reservations = reservations;
    this.payments = payments;
  }

  /**
   * Cancels before anything left the warehouse, then voids the authorization and releases the
   * stock here and now, whatever state the order's workflow is in (running, failed or gone). Both
   * are idempotent (a void per order, a release conditional on the reservation still existing, in
   * one transaction with the stock counters), so the workflow's own compensation, if it still runs,
   * finds them done, and cancelling again finishes what a cancel that died half-way left. The
   * workflow's next step sees CANCELLED, or a parked hold is failed with {@link OrderCancelled}.
   *
   * @throws IllegalTransition once the order is dispatched or ended otherwise
   */
  Order cancel(String customerId, String orderId) {
    Decided decided = decide(orderId, customerId, order -> {
      if (order.status() == OrderStatus.CANCELLED) {
        return Change.none(order);
      }
      if (!order.status().isCancellable()) {
        throw new IllegalTransition(orderId, order.status(), OrderStatus.CANCELLED);
      }
      return notifying(move(order, OrderStatus.CANCELLED, StatusReason.CUSTOMER_CANCELLED, "ORDER_CANCELLED",
          Map.of("reason", StatusReason.CUSTOMER_CANCELLED.name())));
    });
    if (decided.after().statusReason() == StatusReason.CUSTOMER_CANCELLED) {
      payments.voidAuthorization(orderId);
      reservations.release(orderId);
    }
    if (decided.changed()) {
      decided.parked(AwaitedEvent.Kind.HOLD_RELEASE).ifPresent(token -> callbacks.fail(
          token, OrderCancelled.class.getName(), new OrderCancelled(orderId).getMessage()));
    }
    return decided.after();
  }

  /**
   * DELIVERED → COMPLETED; confirming again changes nothing.
   *
   * @throws IllegalTransition before delivery
   */
  Order confirmReceipt(String customerId, String orderId) {
    Decided decided = decide(orderId, customerId, order -> {
      if (order.status() == OrderStatus.COMPLETED) {
        return Change.none(order);
      }
      if (order.status() != OrderStatus.DELIVERED) {
        throw new IllegalTransition(orderId, order.status(), OrderStatus.COMPLETED);
      }
      return notifying(move(order, OrderStatus.COMPLETED, StatusReason.CUSTOMER_CONFIRMED, "ORDER_COMPLETED",
          Map.of("reason", StatusReason.CUSTOMER_CONFIRMED.name())));
    });
    if (decided.changed()) {
      decided.parked(AwaitedEvent.Kind.RECEIPT)
          .ifPresent(token -> callbacks.resume(token, new Resumed(orderId, OrderStatus.COMPLETED)));
    }
    return decided.after();
  }

  /**
   * Ops clear a risk review: ON_HOLD → PAID, and the workflow goes on to dispatch.
   *
   * @throws IllegalTransition unless the order is ON_HOLD
   */
  Order releaseHold(String releasedBy, String orderId) {
    Decided decided = decide(orderId, null, order -> {
      if (order.status() != OrderStatus.ON_HOLD) {
        throw new IllegalTransition(orderId, order.status(), OrderStatus.PAID);
      }
      return move(order, OrderStatus.PAID, null, "HOLD_RELEASED", Map.of("releasedBy", releasedBy));
    });
    decided.parked(AwaitedEvent.Kind.HOLD_RELEASE)
        .ifPresent(token -> callbacks.resume(token, new Resumed(orderId, OrderStatus.PAID)));
    return decided.after();
  }

  /** The order before a decision and the change it made: the step parked before is the one to resolve. */
  private record Decided(Order before, Change applied) {

    Order after() {
      return applied.order();
    }

    boolean changed() {
      return applied.changed();
    }

    Optional<String> parked(AwaitedEvent.Kind kind) {
      return before.parkedToken(kind);
    }
  }

  /** Applies {@code change} to the order, which must be the customer's unless {@code customerId} is null (ops). */
  private Decided decide(String orderId, String customerId, Function<Order, Change> change) {
    // The updater may re-run the change after a lost race; the last run is the one stored.
    AtomicReference<Order> before = new AtomicReference<>();
    Change applied = updater.apply(orderId, order -> {
      if (customerId != null && !order.belongsTo(customerId)) {
        throw new OrderNotFound(orderId);
      }
      before.set(order);
      return change.apply(order);
    });
    return new Decided(before.get(), applied);
  }

  private Change move(
      Order order, OrderStatus target, StatusReason reason, String eventType, Map<String, Object> detail) {
    Instant now = clock.instant();
    return Change.to(order.moveTo(target, reason, now), new TimelineEvent(now, eventType, target, detail));
  }

  /** The change, telling the customer of it (its timeline event's type, the order's reason). */
  private static Change notifying(Change change) {
    Order order = change.order();
    String type = change.events().get(0).type();
    return change.notifying(new Notification(
        order.orderId(), order.customerId(), type, Map.of("reason", order.statusReason().name())));
  }
}
