package io.orderflow.reserve;

import static io.orderflow.order.OrderStatus.CANCELLED;
import static io.orderflow.order.OrderStatus.RESERVED;
import static io.orderflow.order.OrderStatus.VALIDATED;

import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.OrderCancelled;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Queue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The reserve step and its compensation: locks a VALIDATED order's units in the warehouse (all
 * lines or none), and gives them back when the order is cancelled before pickup.
 */
public final class ReservationService {

  /**
   * How long a reservation outlives a workflow that died without compensating. It must cover the
   * longest wait between reserving and pickup (a 3-day risk-review hold plus a 2-day pickup
   * window by default), so a live order never loses its units: 7 days.
   */
  public static final Duration DEFAULT_TTL = Duration.ofDays(7);

  private final OrderRepository orders;
  private final OrderUpdater updater;
  private final Inventory inventory;
  private final Clock clock;
  private final Duration ttl;
  private final HoldLimit holdLimit;

  public ReservationService(
      OrderRepository orders, Inventory inventory, Clock clock, Duration ttl) {
    this(orders, inventory, clock, ttl, HoldLimit.DEFAULT);
  }

  public ReservationService(
      OrderRepository orders, Inventory inventory, Clock clock, Duration ttl, HoldLimit holdLimit) {
    this.holdLimit = holdLimit;
    this.orders = orders;
    this.updater = new OrderUpdater(orders);
    this.inventory = inventory;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Margin between the latest possible pickup and a reservation's expiry. */
  static final Duration PICKUP_MARGIN = Duration.ofDays(1);

  public void reserve(String orderId) {
    reserve(orderId, Duration.ZERO);
  }

  /**
   * Reserves the order's units and moves it to RESERVED; a retry finds it reserved and does
   * nothing more. The reservation lives for the configured TTL, or longer if the order may wait
   * longer for its pickup ({@code untilPickup}, from its execution's settings): an order whose
   * reservation expired before the carrier took the parcel would have its units sold twice.
   *
   * @throws OutOfStock after recording CANCELLED (OUT_OF_STOCK) and asking for a restock
   * @throws HoldLimitReached after recording CANCELLED (HOLD_LIMIT): the customer already holds
   *     too many units of a SKU in other open orders
   * @throws OrderCancelled if the customer cancelled meanwhile
   */
  public void reserve(String orderId, Duration untilPickup) {
    Order order = find(orderId);
    if (order.status() == VALIDATED) {
      Instant now = clock.instant();
      Duration lifetime = untilPickup.isZero() ? ttl : max(ttl, untilPickup.plus(PICKUP_MARGIN));
      try {
        inventory.reserve(orderId, order.customerId(), order.quantitiesBySku(), now.plus(lifetime), holdLimit);
      } catch (OutOfStock shortage) {
        recordShortage(order, shortage, now);
        throw shortage;
      } catch (HoldLimitReached overLimit) {
        recordHoldLimit(order, overLimit, now);
        throw overLimit;
      }
      order = updater.update(orderId, current -> current.status() == VALIDATED
          ? Change.to(current.moveTo(RESERVED, null, now),
              new TimelineEvent(now, "STOCK_RESERVED", RESERVED, Map.of("quantities", current.quantitiesBySku())))
          : Change.none(current));
    }
    switch (order.status()) {
      case CANCELLED -> throw cancellation(order);
      case PENDING, VALIDATED, REJECTED ->
          throw new IllegalStateException("order " + orderId + " is " + order.status() + ", not ready to reserve");
      default -> {
        // RESERVED, or a later status: the units are (or were) reserved.
      }
    }
  }

  /**
   * Gives the order's reserved units back; true if there were any. Safe to repeat: the second
   * call finds nothing reserved and records nothing.
   */
  public boolean release(String orderId) {
    Order order = find(orderId);
    boolean released = inventory.release(orderId, order.quantitiesBySku().keySet());
    if (released) {
      Instant now = clock.instant();
      // Nothing on the order itself changes: a new version only carries the timeline event.
      updater.update(orderId, current -> Change.to(
          current.inOneVersion(o -> o),
          new TimelineEvent(now, "STOCK_RELEASED", current.status(), Map.of("quantities", current.quantitiesBySku()))));
    }
    return released;
  }

  /**
   * DynamoDB deleted a reservation at its TTL: the workflow that made it died without releasing
   * or committing it (a live order is picked up well before the TTL). Gives the units back to sale
   * and notes it on the order's timeline for customer service; true the first time, false on
   * every repeat.
   */
  public boolean returnExpired(String orderId, String sku, int quantity) {
    return returnExpired(orderId, null, sku, quantity);
  }

  /** As above, for a reservation that counted among {@code customerId}'s held units (null: none did). */
  public boolean returnExpired(String orderId, String customerId, String sku, int quantity) {
    boolean returned = inventory.returnExpired(orderId, customerId, sku, quantity);
    if (returned && orders.find(orderId).isPresent()) {
      Instant now = clock.instant();
      updater.update(orderId, current -> Change.to(
          current.inOneVersion(o -> o),
          new TimelineEvent(now, "RESERVATION_EXPIRED", current.status(), Map.of("sku", sku, "quantity", quantity))));
    }
    return returned;
  }

  /** CANCELLED (OUT_OF_STOCK) in one write; the customer and the warehouse hear of it only once. */
  private void recordShortage(Order order, OutOfStock shortage, Instant now) {
    Map<String, Integer> wanted = order.quantitiesBySku();
    updater.apply(order.orderId(), current -> {
      if (current.status() != VALIDATED) {
        return Change.none(current);
      }
      Change change = Change.to(current.moveTo(CANCELLED, StatusReason.OUT_OF_STOCK, now),
              new TimelineEvent(now, "OUT_OF_STOCK", CANCELLED, Map.of("skus", shortage.skus())))
          .notifying(new Notification(order.orderId(), order.customerId(), "ORDER_CANCELLED",
              Map.of("reason", StatusReason.OUT_OF_STOCK.name(), "skus", shortage.skus())));
      for (String sku : shortage.skus()) {
        change = change.sending(Queue.RESTOCK_REQUESTS, new RestockRequest(sku, wanted.getOrDefault(sku, 0), order.orderId(), now));
      }
      return change;
    });
  }

  /** What a retried task throws for an order an earlier attempt (or the customer) cancelled. */
  private RuntimeException cancellation(Order order) {
    if (order.statusReason() == StatusReason.OUT_OF_STOCK) {
      return new OutOfStock(recordedSkus(order.orderId(), "OUT_OF_STOCK"));
    }
    if (order.statusReason() == StatusReason.HOLD_LIMIT) {
      return new HoldLimitReached(recordedSkus(order.orderId(), "HOLD_LIMIT"));
    }
    return new OrderCancelled(order.orderId());
  }

  /**
   * CANCELLED (HOLD_LIMIT) in one write. No restock request: the stock is there, the customer
   * holds too much of it.
   */
  private void recordHoldLimit(Order order, HoldLimitReached overLimit, Instant now) {
    updater.apply(order.orderId(), current -> current.status() != VALIDATED
        ? Change.none(current)
        : Change.to(current.moveTo(CANCELLED, StatusReason.HOLD_LIMIT, now),
                new TimelineEvent(now, "HOLD_LIMIT", CANCELLED,
                    Map.of("skus", overLimit.skus(), "maxHeldPerSku", holdLimit.maxHeldPerSku())))
            .notifying(new Notification(order.orderId(), order.customerId(), "ORDER_CANCELLED",
                Map.of("reason", StatusReason.HOLD_LIMIT.name(), "skus", overLimit.skus()))));
  }

  /** The SKUs an earlier attempt recorded in its {@code eventType} event, for a retried task to fail the same way. */
  private List<String> recordedSkus(String orderId, String eventType) {
    return orders.timeline(orderId).stream()
        .filter(event -> event.type().equals(eventType))
        .findFirst()
        .map(event -> ((List<?>) event.detail().getOrDefault("skus", List.of())).stream().map(String::valueOf).toList())
        .orElse(List.of());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private Order find(String orderId) {
    return orders.find(orderId).orElseThrow(() -> new OrderNotFound(orderId));
  }
}
