package io.orderflow.aftersales;

import io.orderflow.aftersales.feedback.FeedbackBox;
import io.orderflow.aftersales.returns.ReturnJournal;
import io.orderflow.aftersales.returns.ReturnPolicy;
import io.orderflow.aftersales.returns.ReturnProgress;
import io.orderflow.aftersales.returns.ReturnRequests;
import io.orderflow.aftersales.returns.ReturnSettlement;
import io.orderflow.aftersales.tickets.Agents;
import io.orderflow.aftersales.tickets.TicketDesk;
import io.orderflow.charge.SimulatedPaymentGateway;
import io.orderflow.order.Address;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineEvent;
import io.orderflow.refund.RefundService;
import io.orderflow.testing.InMemoryFeedbackRepository;
import io.orderflow.testing.InMemoryIdempotencyStore;
import io.orderflow.testing.InMemoryInventory;
import io.orderflow.testing.InMemoryOrderRepository;
import io.orderflow.testing.InMemoryReturnRepository;
import io.orderflow.testing.InMemoryTicketRepository;
import io.orderflow.testing.MutableClock;
import io.orderflow.testing.RecordingQueuePublisher;
import io.orderflow.testing.RecordingWorkflowCallbacks;
import io.orderflow.testing.RecordingWorkflowStarter;
import java.time.Instant;
import java.util.List;

/**
 * The after-sales services over in-memory fakes, and a captured order (2 × SKU-1 at 29.90, 1 ×
 * SKU-2 at 12.50: 72.30 USD) that can be put in any status from PAID on.
 */
public final class AftersalesFixture {

  public static final String CUSTOMER = "cust-1";
  public static final String STRANGER = "cust-2";
  public static final Address ADDRESS =
      new Address("Li Lei", "1 Main St", "Apt 2", "Springfield", "IL", "62701", "US", "+15555550100");

  public final MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
  public final RecordingQueuePublisher queues = new RecordingQueuePublisher();
  public final InMemoryOrderRepository orders = new InMemoryOrderRepository(queues);
  public final InMemoryReturnRepository returns = new InMemoryReturnRepository();
  public final InMemoryTicketRepository tickets = new InMemoryTicketRepository();
  public final InMemoryFeedbackRepository feedback = new InMemoryFeedbackRepository();
  public final InMemoryInventory inventory = new InMemoryInventory();
  public final RecordingWorkflowCallbacks callbacks = new RecordingWorkflowCallbacks();
  public final RecordingWorkflowStarter starter = new RecordingWorkflowStarter();
  public final ReturnPolicy policy = ReturnPolicy.defaults();
  public final ReturnJournal journal = new ReturnJournal(orders, clock);
  public final ReturnRequests requests = new ReturnRequests(orders, returns, journal, starter, policy, clock);
  public final ReturnProgress progress = new ReturnProgress(returns, journal, queues, callbacks, policy, clock);
  public final ReturnSettlement settlement = new ReturnSettlement(orders, returns, journal, inventory,
      new RefundService(orders, new SimulatedPaymentGateway(), new InMemoryIdempotencyStore(), clock), clock);
  public final TicketDesk desk = new TicketDesk(tickets, Agents.parse("agent-ana:DELIVERY|RETURN,agent-bo:*"), clock);
  public final FeedbackBox feedbackBox = new FeedbackBox(orders, feedback, clock);

  public AftersalesFixture() {
    inventory.setAvailable("SKU-1", 0);
    inventory.setAvailable("SKU-2", 0);
  }

  /** Stores order {@code orderId}, paid and captured, walked to {@code status} (PAID or later). */
  public Order seed(String orderId, OrderStatus status) {
    return seed(orderId, status, CUSTOMER);
  }

  /** Like {@link #seed(String, OrderStatus)}, for {@code customerId}'s order. */
  public Order seed(String orderId, OrderStatus status, String customerId) {
    Instant now = clock.instant();
    Money total = Money.of("72.30", "USD");
    Order order = Order.place(orderId, customerId,
        List.of(new OrderLine("SKU-1", 2, Money.of("29.90", "USD")), new OrderLine("SKU-2", 1, Money.of("12.50", "USD"))),
        ADDRESS, new Order.PaymentMethod("card", "tok_visa"), Order.ShippingSpeed.STANDARD, null, now);
    Order paid = order.inOneVersion(o -> o
        .moveTo(OrderStatus.VALIDATED, null, now)
        .moveTo(OrderStatus.RESERVED, null, now)
        .moveTo(OrderStatus.PAID, null, now)
        .withLedger(o.ledger()
            .authorize("auth-" + orderId, total, "auth_0000000000000000_72.30_USD", now)
            .capture("capture-" + orderId, total, "cap_0000000000000000_72.30_USD", now), now));
    List<OrderStatus> after = switch (status) {
      case PAID -> List.of();
      case IN_TRANSIT -> List.of(OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT);
      case DELIVERED -> List.of(OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED);
      case COMPLETED -> List.of(OrderStatus.DISPATCHED, OrderStatus.IN_TRANSIT, OrderStatus.DELIVERED,
          OrderStatus.COMPLETED);
      default -> throw new IllegalArgumentException("not seeded: " + status);
    };
    Order walked = paid;
    for (OrderStatus step : after) {
      walked = walked.moveTo(step, null, now);
    }
    Order stored = new Order(walked.orderId(), walked.customerId(), walked.status(), walked.statusReason(),
        walked.lines(), walked.shippingAddress(), walked.paymentMethod(), walked.shippingSpeed(), walked.invoice(),
        walked.ledger(), walked.shipment(), walked.eta(), walked.createdAt(), walked.updatedAt(),
        walked.deliveredAt(), walked.awaiting(), 1);
    orders.create(stored, List.of(TimelineEvent.of(now, "ORDER_PLACED", OrderStatus.PENDING)));
    return stored;
  }
}
