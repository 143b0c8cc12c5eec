package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.aftersales.AftersalesFixture;
import io.orderflow.aftersales.Conflict;
import io.orderflow.aftersales.feedback.Feedback;
import io.orderflow.aftersales.feedback.FeedbackRepository;
import io.orderflow.aftersales.feedback.SatisfactionReport;
import io.orderflow.aftersales.returns.InspectedLine;
import io.orderflow.aftersales.returns.ProductReturn;
import io.orderflow.aftersales.returns.ProductReturn.AwaitedStep;
import io.orderflow.aftersales.returns.Resolution;
import io.orderflow.aftersales.returns.ReturnIds;
import io.orderflow.aftersales.returns.ReturnJournal;
import io.orderflow.aftersales.returns.ReturnLine;
import io.orderflow.aftersales.returns.ReturnPolicy;
import io.orderflow.aftersales.returns.ReturnReason;
import io.orderflow.aftersales.returns.ReturnRepository;
import io.orderflow.aftersales.returns.ReturnRequests;
import io.orderflow.aftersales.returns.ReturnedQuantities;
import io.orderflow.aftersales.tickets.Ticket;
import io.orderflow.aftersales.tickets.TicketCategory;
import io.orderflow.aftersales.tickets.TicketRepository;
import io.orderflow.order.Money;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Table;
import io.orderflow.testing.InMemoryFeedbackRepository;
import io.orderflow.testing.RecordingQueuePublisher;
import io.orderflow.testing.RecordingWorkflowStarter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalAws.Extension.class)
class DynamoAftersalesRepositoriesTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private final LocalAws aws;
  private final OrderRepository orders;
  private final ReturnRepository returns;
  private final TicketRepository tickets;
  private final FeedbackRepository feedback;

  DynamoAftersalesRepositoriesTest(LocalAws aws) {
    this.aws = aws;
    Adapters adapters = aws.adapters();
    this.orders = adapters.orders();
    this.returns = adapters.returns();
    this.tickets = adapters.tickets();
    this.feedback = adapters.feedback();
  }

  @Test
  void storesEveryFieldOfAReturnAndItsTallyInOneWrite() {
    String orderId = id();
    ProductReturn requested = ProductReturn.request(ReturnIds.of(orderId, 1), orderId, "cust-" + orderId,
        List.of(new ReturnLine("SKU-1", 2), new ReturnLine("SKU-2", 1)), ReturnReason.DAMAGED, Resolution.EXCHANGE,
        "box crushed", T0);
    ReturnedQuantities tally = ReturnedQuantities.none(orderId).plus(requested.quantitiesBySku());

    returns.create(requested, tally);
    ProductReturn walked = requested.approve("RMA-1", T0.plusSeconds(1))
        .receive(T0.plusSeconds(2))
        .inspect(List.of(new InspectedLine("SKU-1", 2, InspectedLine.Condition.RESELLABLE),
            new InspectedLine("SKU-2", 1, InspectedLine.Condition.DAMAGED)), T0.plusSeconds(3))
        .withReplacement(orderId + "-X", T0.plusSeconds(4))
        .awaiting(new AwaitedStep(AwaitedStep.Kind.INSPECTION, "token-1"), T0.plusSeconds(5));
    // The walk made several versions; the store sees them as one change over version 1.
    ProductReturn stored = asVersion(walked, 2);
    returns.update(stored);

    assertThat(returns.find(requested.returnId())).contains(stored);
    assertThat(returns.findByOrder(orderId)).containsExactly(stored);
    assertThat(returns.returnedQuantities(orderId)).isEqualTo(tally);
  }

  @Test
  void refundedReturnsKeepTheirMoneyAndHistoryDetail() {
    String orderId = id();
    ProductReturn requested = request(orderId, 1, 1);
    returns.create(requested, ReturnedQuantities.none(orderId).plus(requested.quantitiesBySku()));
    ProductReturn approved = requested.approve("RMA-2", T0);
    returns.update(approved);
    ProductReturn received = approved.receive(T0);
    returns.update(received);
    ProductReturn inspected = received.inspect(List.of(new InspectedLine("SKU-1", 1, InspectedLine.Condition.RESELLABLE)), T0);
    returns.update(inspected);
    ProductReturn refunded = inspected.refunded(Money.of("29.90", "USD"), T0);
    returns.update(refunded);

    assertThat(returns.find(requested.returnId())).contains(refunded);
  }

  @Test
  void aStaleReturnOrTallyIsRefusedAndLeavesNothingBehind() {
    String orderId = id();
    ProductReturn first = request(orderId, 1, 1);
    returns.create(first, ReturnedQuantities.none(orderId).plus(first.quantitiesBySku()));
    ProductReturn second = request(orderId, 2, 1);

    assertThatThrownBy(() -> returns.create(second, ReturnedQuantities.none(orderId).plus(second.quantitiesBySku())))
        .isInstanceOf(ConcurrentModification.class);
    assertThat(returns.find(second.returnId())).isEmpty();

    ProductReturn approved = first.approve("RMA", T0);
    returns.update(approved);
    assertThatThrownBy(() -> returns.update(first.reject("late", T0))).isInstanceOf(ConcurrentModification.class);
    ReturnedQuantities tally = returns.returnedQuantities(orderId);
    assertThatThrownBy(() -> returns.update(approved.close("gone", T0),
        new ReturnedQuantities(orderId, Map.of(), tally.version() + 5))).isInstanceOf(ConcurrentModification.class);
    assertThat(returns.find(first.returnId())).contains(approved);
    assertThat(returns.returnedQuantities(orderId)).isEqualTo(tally);
  }

  @Test
  void returnItemsStayOutOfTheOrdersIndexes() {
    String orderId = id();
    ProductReturn requested = request(orderId, 1, 1);
    returns.create(requested, ReturnedQuantities.none(orderId).plus(requested.quantitiesBySku()));

    for (String sortKey : List.of("RETURN#" + requested.returnId(), "RETURNED")) {
      Map<String, AttributeValue> item = aws.dynamo.getItem(b -> b.tableName(aws.names.tableName(Table.ORDERS))
          .key(Map.of("pk", AttributeValue.fromS("ORDER#" + orderId), "sk", AttributeValue.fromS(sortKey)))).item();
      assertThat(item).isNotEmpty().doesNotContainKeys("customerId", "trackingNumber", "orderStatus");
    }
  }

  @Test
  void racingRequestsNeverReturnMoreThanWasDelivered() throws Exception {
    AftersalesFixture fixture = new AftersalesFixture();
    String orderId = id();
    fixture.seed(orderId, OrderStatus.DELIVERED);
    orders.create(fixture.orders.find(orderId).orElseThrow(), List.of(TimelineEvent.of(T0, "ORDER_PLACED", OrderStatus.PENDING)));
    Clock clock = Clock.fixed(fixture.clock.instant(), ZoneOffset.UTC);
    RecordingWorkflowStarter starter = new RecordingWorkflowStarter();
    ReturnRequests requests = new ReturnRequests(orders, returns, new ReturnJournal(orders, clock),
        starter, ReturnPolicy.defaults(), clock);
    ReturnRequests.Request oneUnit =
        new ReturnRequests.Request(List.of(new ReturnLine("SKU-1", 1)), ReturnReason.SIZE, Resolution.REFUND, null);

    ExecutorService pool = Executors.newFixedThreadPool(10);
    List<Future<ProductReturn>> attempts = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Callable<ProductReturn> attempt = () -> requests.request(AftersalesFixture.CUSTOMER, orderId, oneUnit);
        attempts.add(pool.submit(attempt));
      }
      int granted = 0;
      int refused = 0;
      for (Future<ProductReturn> attempt : attempts) {
        try {
          attempt.get();
          granted++;
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(Conflict.class);
          refused++;
        }
      }
      assertThat(granted).as("2 units of SKU-1 were delivered").isEqualTo(2);
      assertThat(refused).isEqualTo(8);
    } finally {
      pool.shutdownNow();
    }
    assertThat(returns.returnedQuantities(orderId).bySku()).containsExactlyEntriesOf(Map.of("SKU-1", 2));
    assertThat(returns.findByOrder(orderId)).hasSize(2).allSatisfy(r -> assertThat(r.quantitiesBySku()).containsEntry("SKU-1", 1));
    assertThat(starter.started()).hasSize(2);
  }

  @Test
  void ticketsCountAgainstTheirAgentWhileOpen() {
    String agent = "agent-" + id();
    Ticket first = ticket(agent);
    Ticket second = ticket(agent);

    assertThat(tickets.create(first)).isTrue();
    assertThat(tickets.create(second)).isTrue();
    assertThat(tickets.create(first)).as("the same ticket again").isFalse();
    String idle = "agent-idle-" + id();
    assertThat(tickets.openTickets(List.of(agent, idle))).isEqualTo(Map.of(agent, 2, idle, 0));

    Ticket replied = first.reply("agent-x", "on it", T0.plusSeconds(60));
    tickets.update(replied);
    Ticket resolved = replied.resolve(T0.plusSeconds(120));
    tickets.update(resolved);

    assertThat(tickets.find(first.ticketId())).contains(resolved);
    assertThat(tickets.openTickets(List.of(agent))).containsEntry(agent, 1);
    assertThatThrownBy(() -> tickets.update(replied.reply("agent-x", "stale", T0))).isInstanceOf(ConcurrentModification.class);
  }

  @Test
  void ratingsAreKeptOncePerOrderAndTalliedForTheReport() {
    FeedbackRepository reference = new InMemoryFeedbackRepository();
    SatisfactionReport.Tally before = feedback.tally();
    String sku = "SKU-" + id();
    List<Feedback> ratings = List.of(
        new Feedback(id(), "cust-a", 5, "great", List.of(sku, "SKU-common"), T0),
        new Feedback(id(), "cust-b", 2, null, List.of(sku), T0),
        new Feedback(id(), "cust-c", 4, "ok", List.of("SKU-common"), T0));

    for (Feedback rating : ratings) {
      assertThat(feedback.add(rating)).isTrue();
      reference.add(rating);
    }

    assertThat(feedback.add(ratings.get(0))).as("rated already").isFalse();
    assertThat(feedback.find(ratings.get(1).orderId())).contains(ratings.get(1));
    SatisfactionReport.Tally after = feedback.tally();
    assertThat(after.count() - before.count()).isEqualTo(3);
    assertThat(after.sum() - before.sum()).isEqualTo(11);
    assertThat(after.bySku().get(sku)).containsExactly(2, 7);
    assertThat(after.byRating().get(2) - before.byRating().getOrDefault(2, 0L)).isEqualTo(1);
    assertThat(reference.tally().bySku().get(sku)).containsExactly(after.bySku().get(sku));
  }

  private static ProductReturn asVersion(ProductReturn r, long version) {
    return new ProductReturn(r.returnId(), r.orderId(), r.customerId(), r.status(), r.statusReason(), r.lines(),
        r.reason(), r.resolution(), r.comment(), r.rmaNumber(), r.inspection(), r.refund(), r.replacementOrderId(),
        r.ticketId(), r.awaiting(), r.history(), r.requestedAt(), r.updatedAt(), version);
  }

  private static ProductReturn request(String orderId, long sequence, int units) {
    return ProductReturn.request(ReturnIds.of(orderId, sequence), orderId, "cust-" + orderId,
        List.of(new ReturnLine("SKU-1", units)), ReturnReason.SIZE, Resolution.REFUND, null, T0);
  }

  private static Ticket ticket(String agent) {
    return Ticket.open("T-" + id(), "cust-" + id(), null, null, TicketCategory.DELIVERY,
        new Ticket.Message(Ticket.Message.From.SYSTEM, "orderflow", "parcel lost", T0), agent, T0);
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}
