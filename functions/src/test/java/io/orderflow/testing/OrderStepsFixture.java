package io.orderflow.testing;

import io.orderflow.charge.PaymentService;
import io.orderflow.charge.SimulatedPaymentGateway;
import io.orderflow.order.Address;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineEvent;
import io.orderflow.refund.RefundService;
import io.orderflow.reserve.ReservationService;
import io.orderflow.validate.OrderValidation;
import java.util.List;

/**
 * The steps before the parcel leaves (validate, reserve, charge) and the payment steps after it
 * (capture, void, refund) over in-memory fakes, with the order of the sample events in {@code
 * events/steps/}. Orders reach a status the way the workflow takes them there: through the steps.
 */
public final class OrderStepsFixture {

  /** The order id of the sample step events. */
  public static final String ORDER_ID = "3f2c9a7e-8b1d-4c6f-a5e2-9d0b7c4e1a68";
  public static final String CUSTOMER = "7d3f8b2e-5c1a-4e9b-9f6d-2a8c4b1e0f37";
  public static final Address ADDRESS =
      new Address("Li Lei", "1 Main St", "Apt 2", "Springfield", "IL", "62701", "US", "+15555550100");

  /** A Wednesday. */
  public final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
  public final RecordingQueuePublisher queues = new RecordingQueuePublisher();
  public final InMemoryOrderRepository orders = new InMemoryOrderRepository(queues);
  public final InMemoryCatalog catalog = new InMemoryCatalog();
  public final InMemoryInventory inventory = new InMemoryInventory();
  public final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore();
  public final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();

  public OrderStepsFixture() {
    catalog.put(new CatalogItem("SKU-1", "Wireless Mouse", Money.of("29.90", "USD"), true));
    catalog.put(new CatalogItem("SKU-2", "USB-C Cable 1m", Money.of("12.50", "USD"), true));
    inventory.setAvailable("SKU-1", 10);
    inventory.setAvailable("SKU-2", 10);
  }

  public OrderValidation validation() {
    return new OrderValidation(orders, catalog, clock);
  }

  public ReservationService reservations() {
    return new ReservationService(orders, inventory, clock, ReservationService.DEFAULT_TTL);
  }

  public PaymentService payments() {
    return new PaymentService(orders, gateway, idempotency, clock);
  }

  public RefundService refunds() {
    return new RefundService(orders, gateway, idempotency, clock);
  }

  /** Stores a PENDING order as the API would, unpriced lines left for the validate step. */
  public Order place(String token, Address address, List<OrderLine> lines) {
    Order order = Order.place(ORDER_ID, CUSTOMER, lines, address, new Order.PaymentMethod("card", token),
        Order.ShippingSpeed.STANDARD, null, clock.instant());
    orders.create(order, List.of(TimelineEvent.of(clock.instant(), "ORDER_PLACED", OrderStatus.PENDING)));
    return order;
  }

  /** The sample order, 2 × SKU-1 and 1 × SKU-2 (72.30 USD), paid with {@code token}, PENDING. */
  public Order place(String token) {
    return place(token, ADDRESS, List.of(new OrderLine("SKU-1", 2, null), new OrderLine("SKU-2", 1, null)));
  }

  /** The sample order taken through validate and reserve: RESERVED, ready to charge. */
  public Order reserved(String token) {
    place(token);
    validation().validate(ORDER_ID);
    reservations().reserve(ORDER_ID);
    return order();
  }

  /** The sample order authorized with {@code tok_visa}: PAID, nothing captured yet. */
  public Order paid() {
    reserved("tok_visa");
    payments().authorize(ORDER_ID, 0);
    return order();
  }

  /** The sample order paid and its authorization captured, as after the carrier's pickup. */
  public Order captured() {
    paid();
    payments().capture(ORDER_ID);
    return order();
  }

  public Order order() {
    return orders.find(ORDER_ID).orElseThrow();
  }

  public List<String> timelineTypes() {
    return orders.timeline(ORDER_ID).stream().map(TimelineEvent::type).toList();
  }
}
