package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.order.Address;
import io.orderflow.order.Money;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.Order.AwaitedEvent;
import io.orderflow.order.Order.Invoice;
import io.orderflow.order.Order.PaymentMethod;
import io.orderflow.order.Order.ShippingSpeed;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import io.orderflow.order.OrderRepository.Page;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.OrderUpdater;
import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.Outgoing;
import io.orderflow.order.PaymentLedger;
import io.orderflow.order.Shipment;
import io.orderflow.order.Shipment.PackingSlip;
import io.orderflow.order.Shipment.PickItem;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalAws.Extension.class)
class DynamoOrderRepositoryTest {

  private static final Instant T0 = Instant.parse("2025-03-01T09:30:00Z");

  private final LocalAws aws;
  private final OrderRepository orders;

  DynamoOrderRepositoryTest(LocalAws aws) {
    this.aws = aws;
    this.orders = aws.adapters().orders();
  }

  @Test
  void storesAndFindsEveryFieldOfAnOrder() {
    Order order = fullOrder(id(), "customer-" + id(), T0);
    List<TimelineEvent> events = List.of(new TimelineEvent(T0, "ORDER_PLACED", OrderStatus.PENDING,
        Map.of("lines", 2, "total", "59.80", "express", true, "skus", List.of("SKU-1", "SKU-2"),
            "weight", new BigDecimal("1.25"), "carrier", Map.of("name", "simcarrier"))));

    assertThat(orders.create(order, events)).isTrue();

    assertThat(orders.find(order.orderId())).contains(order);
    assertThat(orders.timeline(order.orderId())).isEqualTo(events);
    assertThat(orders.find("no-such-order")).isEmpty();
  }

  @Test
  void aSecondCreateWithTheSameIdStoresNothing() {
    Order order = placed(id(), "customer-" + id(), T0);
    orders.create(order, List.of(TimelineEvent.of(T0, "ORDER_PLACED", OrderStatus.PENDING)));

    Order impostor = placed(order.orderId(), "someone-else", T0.plusSeconds(1));
    assertThat(orders.create(impostor, List.of(TimelineEvent.of(T0.plusSeconds(1), "ORDER_PLACED", OrderStatus.PENDING))))
        .isFalse();

    assertThat(orders.find(order.orderId())).contains(order);
    assertThat(orders.timeline(order.orderId())).hasSize(1);
  }

  @Test
  void anUpdateAppendsEventsAndOnlyTheNewLedgerEntries() {
    Order placed = placed(id(), "customer-" + id(), T0);
    orders.create(placed, List.of(TimelineEvent.of(T0, "ORDER_PLACED", OrderStatus.PENDING)));
    Instant t1 = T0.plusSeconds(60);
    Order authorized = placed.withLedger(
        placed.ledger().authorize("charge-1", Money.of("59.80", "USD"), "auth-1", t1), t1);
    orders.update(authorized, List.of(TimelineEvent.of(t1, "PAYMENT_AUTHORIZED", OrderStatus.PENDING)));
    Instant t2 = T0.plusSeconds(120);
    Order captured = authorized.withLedger(
        authorized.ledger().capture("capture-1", Money.of("59.80", "USD"), "cap-1", t2), t2);

    orders.update(captured, List.of(TimelineEvent.of(t2, "PAYMENT_CAPTURED", OrderStatus.PENDING)));

    Order stored = orders.find(placed.orderId()).orElseThrow();
    assertThat(stored).isEqualTo(captured);
    assertThat(stored.ledger().status()).isEqualTo(PaymentLedger.Status.CAPTURED);
    assertThat(orders.timeline(placed.orderId())).extracting(TimelineEvent::type)
        .containsExactly("ORDER_PLACED", "PAYMENT_AUTHORIZED", "PAYMENT_CAPTURED");
  }

  @Test
  void aStaleUpdateIsRefusedAndLeavesNoTrace() {
    Order placed = placed(id(), "customer-" + id(), T0);
    orders.create(placed, List.of(TimelineEvent.of(T0, "ORDER_PLACED", OrderStatus.PENDING)));
    Instant t1 = T0.plusSeconds(1);
    Order validated = placed.moveTo(OrderStatus.VALIDATED, null, t1);
    orders.update(validated, List.of(TimelineEvent.of(t1, "ORDER_VALIDATED", OrderStatus.VALIDATED)));

    // A writer still holding version 1 records an authorization: its order, its event and its
    // ledger entry must all be refused.
    Instant t2 = T0.plusSeconds(2);
    Order stale = placed.withLedger(placed.ledger().authorize("charge-1", Money.of("59.80", "USD"), "auth-1", t2), t2);

    assertThatThrownBy(() -> orders.update(stale, List.of(TimelineEvent.of(t2, "PAYMENT_AUTHORIZED", OrderStatus.PENDING))))
        .isInstanceOf(ConcurrentModification.class);

    assertThat(orders.find(placed.orderId())).contains(validated);
    assertThat(orders.find(placed.orderId()).orElseThrow().ledger().entries()).isEmpty();
    assertThat(orders.timeline(placed.orderId())).extracting(TimelineEvent::type)
        .containsExactly("ORDER_PLACED", "ORDER_VALIDATED");
    assertThatThrownBy(() -> orders.update(placed(id(), "nobody", T0).withEta(LocalDate.of(2025, 3, 5), T0), List.of()))
        .isInstanceOf(ConcurrentModification.class);
  }

  @Test
  void whatAChangeSendsIsStoredInTheOrdersOutboxWithTheChangeOrNotAtAll() {
    Order placed = placed(id(), "customer-" + id(), T0);
    orders.create(placed, List.of(TimelineEvent.of(T0, "ORDER_PLACED", OrderStatus.PENDING)));
    Instant t1 = T0.plusSeconds(1);
    Order validated = placed.moveTo(OrderStatus.VALIDATED, null, t1);
    Notification confirmed = new Notification(placed.orderId(), placed.customerId(), "ORDER_CONFIRMED",
        Map.of("eta", "2025-03-05"));

    orders.update(validated, List.of(TimelineEvent.of(t1, "ORDER_VALIDATED", OrderStatus.VALIDATED)),
        List.of(new Outgoing(Queue.NOTIFICATIONS, confirmed), new Outgoing(Queue.RESTOCK_REQUESTS, Map.of("sku", "SKU-1"))));
    // A stale writer's message goes nowhere, like its change.
    assertThatThrownBy(() -> orders.update(placed.moveTo(OrderStatus.REJECTED, null, t1), List.of(),
        List.of(new Outgoing(Queue.NOTIFICATIONS, Map.of("type", "ORDER_REJECTED")))))
        .isInstanceOf(ConcurrentModification.class);

    List<Map<String, AttributeValue>> outbox = aws.dynamo.query(b -> b.tableName(aws.names.tableName(Table.ORDERS))
        .keyConditionExpression("pk = :pk AND begins_with(sk, :outbox)")
        .expressionAttributeValues(Map.of(
            ":pk", AttributeValue.fromS("ORDER#" + placed.orderId()), ":outbox", AttributeValue.fromS("OUTBOX#"))))
        .items();
    assertThat(outbox).extracting(item -> item.get("queue").s()).containsExactly("NOTIFICATIONS", "RESTOCK_REQUESTS");
    assertThat(Json.read(outbox.get(0).get("body").s(), Notification.class)).isEqualTo(confirmed);
    assertThat(outbox.get(0).get("expiresAt").n()).isEqualTo(String.valueOf(t1.plus(Duration.ofDays(7)).getEpochSecond()));
    // The outbox is no part of the order's timeline.
    assertThat(orders.timeline(placed.orderId())).extracting(TimelineEvent::type)
        .containsExactly("ORDER_PLACED", "ORDER_VALIDATED");
  }

  @Test
  void concurrentWritersThroughTheUpdaterEachLandExactlyOnce() throws Exception {
    Order placed = placed(id(), "customer-" + id(), T0);
    orders.create(placed, List.of(TimelineEvent.of(T0, "ORDER_PLACED", OrderStatus.PENDING)));
    OrderUpdater updater = new OrderUpdater(orders);

    DynamoInventoryTest.concurrently(4, () -> updater.update(placed.orderId(), current -> {
      Instant at = T0.plusSeconds(current.version());
      return Change.to(current.withEta(LocalDate.of(2025, 3, 10), at), TimelineEvent.of(at, "IN_TRANSIT", current.status()));
    }));

    assertThat(orders.find(placed.orderId()).orElseThrow().version()).isEqualTo(5);
    assertThat(orders.timeline(placed.orderId())).hasSize(5);
  }

  @Test
  void theTimelineIsOldestFirstWhateverTheWrites() {
    Order placed = placed(id(), "customer-" + id(), T0);
    // Instant.toString() would write "…:00Z" and "…:00.500Z", which sort the wrong way round.
    Instant half = T0.plusMillis(500);
    orders.create(placed, List.of(
        TimelineEvent.of(T0, "ORDER_PLACED", OrderStatus.PENDING),
        TimelineEvent.of(T0, "ORDER_VALIDATED", OrderStatus.VALIDATED)));
    Order next = placed.withEta(LocalDate.of(2025, 3, 4), half);
    orders.update(next, List.of(TimelineEvent.of(half, "STOCK_RESERVED", OrderStatus.RESERVED)));
    // Same timestamp as the previous write (a frozen clock): the version keeps them apart and in order.
    orders.update(next.withEta(LocalDate.of(2025, 3, 5), half), List.of(TimelineEvent.of(half, "PAYMENT_AUTHORIZED", null)));

    assertThat(orders.timeline(placed.orderId())).extracting(TimelineEvent::type)
        .containsExactly("ORDER_PLACED", "ORDER_VALIDATED", "STOCK_RESERVED", "PAYMENT_AUTHORIZED");
  }

  @Test
  void aCustomersOrdersComeNewestFirstPageByPage() {
    String customer = "customer-" + id();
    Order oldest = fullOrder(id(), customer, T0);
    Order middle = placed(id(), customer, T0.plusMillis(1));
    Order newest = placed(id(), customer, T0.plusSeconds(3600));
    for (Order order : List.of(middle, newest, oldest)) {
      orders.create(order, List.of());
    }
    orders.create(placed(id(), "customer-" + id(), T0.plusSeconds(10)), List.of());

    Page<Order> first = orders.findByCustomer(customer, 2, null);
    assertThat(first.items()).containsExactly(newest, middle);
    assertThat(first.nextCursor()).isNotBlank();
    Page<Order> second = orders.findByCustomer(customer, 2, first.nextCursor());
    assertThat(second.items()).containsExactly(oldest);
    assertThat(second.nextCursor()).isNull();
    assertThat(orders.findByCustomer(customer, 3, null).nextCursor()).isNull();
    assertThat(orders.findByCustomer("customer-" + id(), 10, null).items()).isEmpty();
  }

  @Test
  void aCursorThatDoesNotComeFromTheSameQueryIsABadRequest() {
    String customer = "customer-" + id();
    orders.create(placed(id(), customer, T0), List.of());
    orders.create(placed(id(), customer, T0.plusSeconds(1)), List.of());
    String cursor = orders.findByCustomer(customer, 1, null).nextCursor();
    String forged = Base64.getUrlEncoder().encodeToString("{\"pk\": 1}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> orders.findByCustomer("customer-" + id(), 1, cursor)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> orders.findByCustomer(customer, 1, "%%%")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> orders.findByCustomer(customer, 1, forged)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> orders.findByStatus(OrderStatus.PENDING, 1, cursor)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ordersInAStatusComeOldestUpdateFirst() {
    String customer = "customer-" + id();
    List<Order> held = new ArrayList<>();
    for (int i = 3; i > 0; i--) {
      Instant at = T0.minus(Duration.ofDays(3650)).plusSeconds(i);
      Order order = placed(id(), customer, at);
      held.add(0, new Order(order.orderId(), customer, OrderStatus.ON_HOLD, StatusReason.RISK_REVIEW, order.lines(),
          order.shippingAddress(), order.paymentMethod(), order.shippingSpeed(), order.invoice(), order.ledger(),
          null, null, at, at, null, new AwaitedEvent(AwaitedEvent.Kind.HOLD_RELEASE, "token-" + i), 1));
    }
    held.forEach(order -> orders.create(order, List.of()));
    orders.create(placed(id(), customer, T0), List.of());

    List<Order> mine = new ArrayList<>();
    String cursor = null;
    do {
      Page<Order> page = orders.findByStatus(OrderStatus.ON_HOLD, 2, cursor);
      assertThat(page.items()).allSatisfy(order -> assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD));
      page.items().stream().filter(order -> order.belongsTo(customer)).forEach(mine::add);
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(mine).containsExactlyElementsOf(held);
  }

  @Test
  void findsAnOrderByItsTrackingNumber() {
    Order shipped = fullOrder(id(), "customer-" + id(), T0);
    orders.create(shipped, List.of());
    orders.create(placed(id(), "customer-" + id(), T0), List.of());

    assertThat(orders.findByTrackingNumber(shipped.shipment().trackingNumber())).contains(shipped);
    assertThat(orders.findByTrackingNumber("TRK-unknown-" + id())).isEmpty();
  }

  private static Order placed(String orderId, String customerId, Instant at) {
    return Order.place(orderId, customerId,
        List.of(new OrderLine("SKU-1", 2, Money.of("29.90", "USD"))),
        new Address("Li Lei", "1 Main St", null, "Springfield", "IL", "62701", "US", "+15555550100"),
        new PaymentMethod("card", "tok_visa"), null, null, at);
  }

  /** An order with every field set, including a ledger with three kinds of movement. */
  private static Order fullOrder(String orderId, String customerId, Instant createdAt) {
    Currency usd = Currency.getInstance("USD");
    Instant paidAt = createdAt.plusNanos(123_456_789);
    PaymentLedger ledger = PaymentLedger.empty(usd)
        .authorize("charge-" + orderId, Money.of("69.80", "USD"), "auth-1", paidAt)
        .capture("capture-" + orderId, Money.of("69.80", "USD"), "cap-1", paidAt.plusSeconds(60))
        .refund("refund-1", Money.of("10.00", "USD"), null, paidAt.plusSeconds(120));
    Shipment shipment = new Shipment("simcarrier", "TRK-" + orderId, "IN_TRANSIT", LocalDate.of(2025, 3, 6),
        List.of(new PickItem("SKU-1", "Mug", 2, "A-01-3"), new PickItem("SKU-2", "Tea", 1, "B-02-1")),
        new PackingSlip(orderId, "Li Lei, 1 Main St, Springfield", List.of("2 x Mug", "1 x Tea")));
    return new Order(orderId, customerId, OrderStatus.DELIVERED, StatusReason.CUSTOMER_CONFIRMED,
        List.of(new OrderLine("SKU-1", 2, Money.of("29.90", "USD")), new OrderLine("SKU-2", 1, Money.of("10", "USD")),
            new OrderLine("SKU-UNPRICED", 1, null)),
        new Address("Li Lei", "1 Main St", "Apt 2", "Springfield", "IL", "62701", "US", "+15555550100"),
        new PaymentMethod("card", "tok_visa"), ShippingSpeed.EXPRESS, new Invoice("ACME Ltd", "91310000MA1K000000"),
        ledger, shipment, LocalDate.of(2025, 3, 6), createdAt, createdAt.plusSeconds(7200),
        createdAt.plusSeconds(3600), new AwaitedEvent(AwaitedEvent.Kind.RECEIPT, "task-token-" + orderId), 7);
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
