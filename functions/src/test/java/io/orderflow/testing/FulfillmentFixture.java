package io.orderflow.testing;

import io.orderflow.dispatch.DispatchService;
import io.orderflow.order.Address;
import io.orderflow.order.AwaitOrderEvents;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderClosing;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Shipment;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.track.TrackingService;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fulfillment steps (dispatch, tracking, await, close) over in-memory fakes, and the order of
 * the sample events in {@code events/steps/} and {@code events/carrier/}, ready in any status.
 */
public final class FulfillmentFixture {

  /** The order id of the sample step and carrier events. */
  public static final String ORDER_ID = "3f2c9a7e-8b1d-4c6f-a5e2-9d0b7c4e1a68";
  public static final String CUSTOMER = "7d3f8b2e-5c1a-4e9b-9f6d-2a8c4b1e0f37";
  public static final String CARRIER = "simcarrier";
  /** What dispatch derives for {@link #ORDER_ID}, and what the sample carrier events track. */
  public static final String TRACKING_NUMBER = "SIMCIEMIG422L6N";
  /** The secret the sample carrier events are signed with. */
  public static final String CARRIER_SECRET = "local-dev-carrier-secret";
  /** When the sample carrier events were signed (their {@code X-Carrier-Timestamp}). */
  public static final String SIGNED_AT = "2026-11-25T03:00:00Z";
  /** When the order of the sample events was placed: before the first of their scans (their {@code occurredAt}). */
  public static final String PLACED_AT = "2026-11-23T10:00:00Z";
  public static final LocalDate ETA = LocalDate.parse("2026-11-27");
  public static final Address ADDRESS =
      new Address("Li Lei", "1 Main St", "Apt 2", "Springfield", "IL", "62701", "US", "+15555550100");

  /** How an order reaches each status, after PAID. */
  private static final Map<OrderStatus, List<OrderStatus>> AFTER_PAID = Map.of(
      OrderStatus.PAID, List.of(),
      OrderStatus.DISPATCHED, List.of(OrderStatus.DISPATCHED),
      OrderStatus.IN_TRANSIT, List.of(OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT),
      OrderStatus.DELIVERED, List.of(OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED),
      OrderStatus.COMPLETED,
      List.of(OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED, OrderStatus.COMPLETED),
      OrderStatus.DELIVERY_EXCEPTION,
      List.of(OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERY_EXCEPTION),
      OrderStatus.CANCELLED, List.of(OrderStatus.CANCELLED));

  /** Why an order is in a status, where the status needs a reason. */
  private static final Map<OrderStatus, StatusReason> REASONS = Map.of(
      OrderStatus.COMPLETED, StatusReason.CUSTOMER_CONFIRMED,
      OrderStatus.DELIVERY_EXCEPTION, StatusReason.LOST,
      OrderStatus.CANCELLED, StatusReason.CUSTOMER_CANCELLED,
      OrderStatus.ON_HOLD, StatusReason.RISK_REVIEW);

  public final MutableClock clock = MutableClock.at(SIGNED_AT);
  public final RecordingQueuePublisher queues = new RecordingQueuePublisher();
  public final InMemoryOrderRepository orders = new InMemoryOrderRepository(queues);
  public final InMemoryCatalog catalog = new InMemoryCatalog();
  public final InMemoryInventory inventory = new InMemoryInventory();
  public final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
  public final RecordingWorkflowCallbacks callbacks = new RecordingWorkflowCallbacks();

  public FulfillmentFixture() {
    catalog.put(new CatalogItem("SKU-1", "Wireless Mouse", Money.of("29.90", "USD"), true));
    catalog.put(new CatalogItem("SKU-2", "USB-C Cable 1m", Money.of("12.50", "USD"), true));
    inventory.setAvailable("SKU-1", 10);
    inventory.setAvailable("SKU-2", 10);
  }

  public DispatchService dispatch() {
    return new DispatchService(orders, catalog, queues, callbacks, clock, CARRIER);
  }

  public TrackingService tracking() {
    return new TrackingService(orders, inventory, callbacks, idempotency, clock);
  }

  public AwaitOrderEvents awaits() {
    return new AwaitOrderEvents(orders, callbacks, clock);
  }

  public OrderClosing closing() {
    return new OrderClosing(orders, clock);
  }

  /**
   * Stores the sample order (2 × SKU-1, 1 × SKU-2, stock reserved) walked along the status machine
   * to {@code status}, with a labelled parcel from DISPATCHED on. Statuses before PAID other than
   * ON_HOLD are not needed by these steps.
   */
  public Order seed(OrderStatus status) {
    Order order = Order.place(
        ORDER_ID, CUSTOMER,
        List.of(new OrderLine("SKU-1", 2, Money.of("29.90", "USD")), new OrderLine("SKU-2", 1, Money.of("12.50", "USD"))),
        ADDRESS, new Order.PaymentMethod("card", "tok_visa"), Order.ShippingSpeed.EXPRESS, null, clock.instant());
    inventory.reserve(ORDER_ID, order.quantitiesBySku(), clock.instant().plus(Duration.ofDays(3)));
    List<TimelineEvent> events = new ArrayList<>();
    events.add(TimelineEvent.of(clock.instant(), "ORDER_PLACED", OrderStatus.PENDING));
    List<OrderStatus> path = new ArrayList<>(List.of(OrderStatus.VALIDATED, OrderStatus.RESERVED));
    path.addAll(status == OrderStatus.ON_HOLD ? List.of(OrderStatus.ON_HOLD) : List.of(OrderStatus.PAID));
    path.addAll(status == OrderStatus.ON_HOLD ? List.of() : AFTER_PAID.get(status));
    order = order.withEta(ETA, clock.instant());
    for (OrderStatus step : path) {
      order = order.moveTo(step, REASONS.get(step), clock.instant());
      if (step == OrderStatus.DISPATCHED) {
        order = order.withShipment(new Shipment(CARRIER, TRACKING_NUMBER, "LABEL_CREATED", ETA, List.of(), null),
            clock.instant());
      }
      events.add(TimelineEvent.of(clock.instant(), step.name(), step));
    }
    orders.create(order, events);
    return order;
  }

  /**
   * {@link #seed}, with the order placed at {@link #PLACED_AT}, before the sample carrier events'
   * scans (a scan older than its order is refused); the clock is back at {@link #SIGNED_AT} after.
   */
  public Order seedBeforeTheSampleScans(OrderStatus status) {
    Duration untilSigned = Duration.between(Instant.parse(PLACED_AT), Instant.parse(SIGNED_AT));
    clock.advance(untilSigned.negated());
    try {
      return seed(status);
    } finally {
      clock.advance(untilSigned);
    }
  }

  /** Parks a workflow step's token on the stored order, as dispatch and await do. */
  public void park(Order.AwaitedEvent.Kind kind, String taskToken) {
    Order order = order();
    orders.update(order.awaiting(new Order.AwaitedEvent(kind, taskToken), clock.instant()), List.of());
  }

  public Order order() {
    return orders.find(ORDER_ID).orElseThrow();
  }

  public List<TimelineEvent> timeline() {
    return orders.timeline(ORDER_ID);
  }

  /** The timeline's event types after {@code since} events, oldest first. */
  public List<String> timelineTypesAfter(int since) {
    List<TimelineEvent> timeline = timeline();
    return timeline.subList(since, timeline.size()).stream().map(TimelineEvent::type).toList();
  }
}
