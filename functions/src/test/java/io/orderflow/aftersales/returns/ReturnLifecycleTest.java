package io.orderflow.aftersales.returns;

import static io.orderflow.aftersales.AftersalesFixture.CUSTOMER;
import static io.orderflow.aftersales.AftersalesFixture.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.aftersales.AftersalesFixture;
import io.orderflow.aftersales.Conflict;
import io.orderflow.aftersales.InvalidInput;
import io.orderflow.aftersales.NotFound;
import io.orderflow.aftersales.returns.InspectedLine.Condition;
import io.orderflow.aftersales.returns.ProductReturn.AwaitedStep.Kind;
import io.orderflow.aftersales.returns.ReturnRequests.Request;
import io.orderflow.aftersales.tickets.TicketCategory;
import io.orderflow.aftersales.tickets.TicketRequest;
import io.orderflow.order.Money;
import io.orderflow.order.Notification;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.PaymentLedger;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Queue;
import io.orderflow.reserve.OutOfStock;
import io.orderflow.testing.RecordingWorkflowCallbacks.Call;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReturnLifecycleTest {

  private final AftersalesFixture f = new AftersalesFixture();

  private ProductReturn request(String orderId, ReturnReason reason, Resolution resolution, ReturnLine... lines) {
    return f.requests.request(CUSTOMER, orderId, new Request(List.of(lines), reason, resolution, "box crushed"));
  }

  /** Approves, receives and inspects a return the way the workflow and ops do. */
  private ProductReturn throughInspection(ProductReturn requested, InspectedLine... found) {
    f.progress.review(requested.returnId(), "review-token");
    f.progress.await(requested.returnId(), Kind.PARCEL, "parcel-token");
    f.progress.receive(requested.returnId());
    f.progress.await(requested.returnId(), Kind.INSPECTION, "inspection-token");
    return f.progress.inspect(requested.returnId(), List.of(found));
  }

  @Test
  void aDamagedUnitIsApprovedReceivedInspectedAndRefundedWithTheUnitPriceAndNoStockChange() {
    f.seed("o-1", OrderStatus.DELIVERED);
    ProductReturn requested = request("o-1", ReturnReason.DAMAGED, Resolution.REFUND, new ReturnLine("SKU-1", 1));

    assertThat(requested.status()).isEqualTo(ReturnStatus.REQUESTED);
    assertThat(requested.returnId()).isEqualTo("o-1-R1");
    assertThat(f.starter.started()).containsKey("o-1-R1");
    assertThat(f.starter.started().get("o-1-R1")).contains("\"parcelTimeoutSeconds\":1209600");

    throughInspection(requested, new InspectedLine("SKU-1", 1, Condition.DAMAGED));
    Money refunded = f.settlement.refund(requested.returnId());

    assertThat(refunded).isEqualTo(Money.of("29.90", "USD"));
    ProductReturn done = f.progress.find(requested.returnId());
    assertThat(done.status()).isEqualTo(ReturnStatus.REFUNDED);
    assertThat(done.rmaNumber()).startsWith("RMA-");
    assertThat(done.history()).extracting(ProductReturn.HistoryEntry::status).containsExactly(
        ReturnStatus.REQUESTED, ReturnStatus.APPROVED, ReturnStatus.RECEIVED, ReturnStatus.INSPECTED,
        ReturnStatus.REFUNDED);
    PaymentLedger ledger = f.orders.find("o-1").orElseThrow().ledger();
    assertThat(ledger.refunded()).isEqualTo(Money.of("29.90", "USD"));
    assertThat(f.inventory.level("SKU-1").available()).as("a damaged unit is not resold").isZero();
    assertThat(f.callbacks.calls()).extracting(Call::taskToken)
        .containsExactly("review-token", "parcel-token", "inspection-token");
    assertThat(f.callbacks.calls().get(2).output()).isEqualTo(java.util.Map.of("acceptedUnits", 1, "resolution", "REFUND"));
  }

  @Test
  void everyStepLandsOnTheOrdersTimelineAndNotifiesTheCustomerOnce() {
    f.seed("o-1", OrderStatus.COMPLETED);
    ProductReturn requested = request("o-1", ReturnReason.SIZE, Resolution.REFUND, new ReturnLine("SKU-2", 1));
    throughInspection(requested, new InspectedLine("SKU-2", 1, Condition.RESELLABLE));
    f.settlement.refund(requested.returnId());
    f.settlement.refund(requested.returnId());

    assertThat(f.orders.timeline("o-1")).extracting(TimelineEvent::type).containsSubsequence(
        "RETURN_REQUESTED", "RETURN_APPROVED", "RETURN_RECEIVED", "RETURN_INSPECTED", "PAYMENT_REFUNDED",
        "RETURN_REFUNDED");
    assertThat(f.queues.messages(Queue.NOTIFICATIONS, Notification.class)).extracting(Notification::type)
        .containsExactly("RETURN_REQUESTED", "RETURN_APPROVED", "RETURN_RECEIVED", "RETURN_INSPECTED", "REFUNDED",
            "RETURN_REFUNDED");
    Notification approved = f.queues.messages(Queue.NOTIFICATIONS, Notification.class).get(1);
    assertThat((String) approved.data().get("instructions")).contains(ReturnIds.rmaNumber(requested.returnId()));
    assertThat(f.orders.find("o-1").orElseThrow().ledger().refunded())
        .as("a repeated refund step moves no money").isEqualTo(Money.of("12.50", "USD"));
    assertThat(f.inventory.level("SKU-2").available()).as("the resellable unit is back, once").isEqualTo(1);
  }

  @Test
  void changedMindRefundsOnlyResellableUnitsAndRestocksThem() {
    f.seed("o-1", OrderStatus.DELIVERED);
    ProductReturn requested = request("o-1", ReturnReason.CHANGED_MIND, Resolution.REFUND, new ReturnLine("SKU-1", 2));
    ProductReturn inspected = throughInspection(requested,
        new InspectedLine("SKU-1", 1, Condition.RESELLABLE), new InspectedLine("SKU-1", 1, Condition.DAMAGED));

    assertThat(inspected.acceptedQuantities()).containsExactly(java.util.Map.entry("SKU-1", 1));
    assertThat(f.settlement.refund(requested.returnId())).isEqualTo(Money.of("29.90", "USD"));
    assertThat(f.inventory.level("SKU-1").available()).isEqualTo(1);
  }

  @Test
  void anExchangePlacesAPaidReplacementWithReservedStockAndEndsExchanged() {
    f.seed("o-1", OrderStatus.DELIVERED);
    f.inventory.setAvailable("SKU-1", 5);
    ProductReturn requested = request("o-1", ReturnReason.WRONG_ITEM, Resolution.EXCHANGE, new ReturnLine("SKU-1", 1));
    throughInspection(requested, new InspectedLine("SKU-1", 1, Condition.RESELLABLE));

    String replacementId = f.settlement.placeReplacement(requested.returnId());

    assertThat(f.settlement.placeReplacement(requested.returnId())).as("a retry reuses it").isEqualTo(replacementId);
    var replacement = f.orders.find(replacementId).orElseThrow();
    assertThat(replacement.status()).isEqualTo(OrderStatus.PAID);
    assertThat(replacement.ledger().authorized().isZero()).as("no new charge").isTrue();
    assertThat(replacement.shippingAddress()).isEqualTo(AftersalesFixture.ADDRESS);
    assertThat(replacement.quantitiesBySku()).containsExactly(java.util.Map.entry("SKU-1", 1));
    assertThat(f.inventory.hasReservation(replacementId)).isTrue();

    ProductReturn exchanged = f.settlement.completeExchange(requested.returnId());

    assertThat(exchanged.status()).isEqualTo(ReturnStatus.EXCHANGED);
    assertThat(exchanged.replacementOrderId()).isEqualTo(replacementId);
    assertThat(f.orders.find("o-1").orElseThrow().ledger().refunded().isZero()).isTrue();
    assertThat(f.inventory.level("SKU-1").available()).as("4 left after the reservation, +1 returned").isEqualTo(5);
  }

  @Test
  void anExchangeWithoutStockThrowsOutOfStockAndTheRefundFallbackPaysTheUnitBack() {
    f.seed("o-1", OrderStatus.DELIVERED);
    ProductReturn requested = request("o-1", ReturnReason.NOT_AS_DESCRIBED, Resolution.EXCHANGE,
        new ReturnLine("SKU-2", 1));
    throughInspection(requested, new InspectedLine("SKU-2", 1, Condition.RESELLABLE));

    assertThatThrownBy(() -> f.settlement.placeReplacement(requested.returnId())).isInstanceOf(OutOfStock.class);
    assertThat(f.orders.find(ReturnIds.replacementOrderId(requested.returnId()))).isEmpty();

    assertThat(f.settlement.refund(requested.returnId())).isEqualTo(Money.of("12.50", "USD"));
    assertThat(f.progress.find(requested.returnId()).status()).isEqualTo(ReturnStatus.REFUNDED);
    assertThat(f.orders.timeline("o-1")).extracting(TimelineEvent::type).contains("RETURN_EXCHANGE_UNAVAILABLE");
  }

  @Test
  void anUnusualReturnGoesToAReviewTicketAndARejectionFailsTheParkedStepAndFreesTheUnits() {
    f.seed("o-1", OrderStatus.DELIVERED);
    ProductReturn requested = request("o-1", ReturnReason.OTHER, Resolution.REFUND, new ReturnLine("SKU-1", 2));

    f.progress.review(requested.returnId(), "review-token");

    assertThat(f.callbacks.calls()).as("nothing decided yet").isEmpty();
    TicketRequest ticket = f.queues.messages(Queue.AFTERSALES_TICKETS, TicketRequest.class).get(0);
    assertThat(ticket.category()).isEqualTo(TicketCategory.RETURN);
    assertThat(ticket.returnId()).isEqualTo(requested.returnId());
    assertThat(f.progress.find(requested.returnId()).ticketId()).isEqualTo(ticket.ticketId());

    f.progress.decide(requested.returnId(), false, "used item");

    assertThat(f.progress.find(requested.returnId()).status()).isEqualTo(ReturnStatus.REJECTED);
    assertThat(f.callbacks.calls()).singleElement().satisfies(call -> {
      assertThat(call.success()).isFalse();
      assertThat(call.error()).isEqualTo(ReturnRejected.class.getName());
    });
    assertThatThrownBy(() -> f.progress.review(requested.returnId(), "retry-token")).isInstanceOf(ReturnRejected.class);
    assertThat(request("o-1", ReturnReason.SIZE, Resolution.REFUND, new ReturnLine("SKU-1", 2)).status())
        .as("a rejected return covers nothing").isEqualTo(ReturnStatus.REQUESTED);
  }

  @Test
  void aReviewerCanApproveAndTheParkedStepContinues() {
    f.seed("o-1", OrderStatus.DELIVERED);
    ProductReturn requested = request("o-1", ReturnReason.OTHER, Resolution.REFUND, new ReturnLine("SKU-1", 1));
    f.progress.review(requested.returnId(), "review-token");

    ProductReturn approved = f.progress.decide(requested.returnId(), true, null);

    assertThat(approved.status()).isEqualTo(ReturnStatus.APPROVED);
    assertThat(f.callbacks.calls()).singleElement().satisfies(call -> {
      assertThat(call.taskToken()).isEqualTo("review-token");
      assertThat(call.success()).isTrue();
    });
    assertThatThrownBy(() -> f.progress.decide(requested.returnId(), false, "too late"))
        .isInstanceOf(Conflict.class);
  }

  @Test
  void aReviewersNoteGoesOnTheTimelineWithTheApprovalAndTheTicketNamesTheUnitsAsAPersonReadsThem() {
    f.seed("o-1", OrderStatus.DELIVERED);
    ProductReturn requested = request("o-1", ReturnReason.OTHER, Resolution.REFUND,
        new ReturnLine("SKU-1", 2), new ReturnLine("SKU-2", 1));
    f.progress.review(requested.returnId(), "review-token");

    f.progress.decide(requested.returnId(), true, "photos show the dent");

    TicketRequest ticket = f.queues.messages(Queue.AFTERSALES_TICKETS, TicketRequest.class).get(0);
    assertThat(ticket.message()).contains("needs a review: 2 × SKU-1, 1 × SKU-2, reason OTHER").doesNotContain("{");
    assertThat(f.orders.timeline("o-1")).filteredOn(event -> event.type().equals("RETURN_APPROVED"))
        .singleElement()
        .satisfies(event -> assertThat(event.detail()).containsEntry("note", "photos show the dent"));
  }

  @Test
  void aParcelThatNeverArrivesClosesTheReturnAndTheUnitsCanBeReturnedAgain() {
    f.seed("o-1", OrderStatus.DELIVERED);
    ProductReturn requested = request("o-1", ReturnReason.SIZE, Resolution.REFUND, new ReturnLine("SKU-2", 1));
    f.progress.review(requested.returnId(), "review-token");
    f.progress.await(requested.returnId(), Kind.PARCEL, "parcel-token");

    ProductReturn closed = f.progress.close(requested.returnId(), ReturnStatus.CLOSED, "PARCEL_NEVER_ARRIVED");

    assertThat(closed.status()).isEqualTo(ReturnStatus.CLOSED);
    assertThat(closed.statusReason()).isEqualTo("PARCEL_NEVER_ARRIVED");
    assertThat(f.progress.close(requested.returnId(), ReturnStatus.CLOSED, "again").version())
        .as("closing again changes nothing").isEqualTo(closed.version());
    assertThatThrownBy(() -> f.progress.receive(requested.returnId())).isInstanceOf(Conflict.class);
    assertThat(f.returns.returnedQuantities("o-1").of("SKU-2")).isZero();
    assertThat(f.orders.timeline("o-1")).extracting(TimelineEvent::type).contains("RETURN_CLOSED");
  }

  @Test
  void partialReturnsOverTwoRequestsMayTogetherReachButNotExceedTheDeliveredQuantity() {
    f.seed("o-1", OrderStatus.DELIVERED);
    request("o-1", ReturnReason.SIZE, Resolution.REFUND, new ReturnLine("SKU-1", 1));
    ProductReturn second = request("o-1", ReturnReason.SIZE, Resolution.REFUND, new ReturnLine("SKU-1", 1),
        new ReturnLine("SKU-2", 1));

    assertThat(second.returnId()).isEqualTo("o-1-R2");
    assertThat(f.progress.findByOrder("o-1")).hasSize(2);
    assertThatThrownBy(() -> request("o-1", ReturnReason.SIZE, Resolution.REFUND, new ReturnLine("SKU-1", 1)))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("only 0 of SKU-1");
  }

  @Test
  void twoRacingRequestsForTheSameUnitsNeverReturnMoreThanWasDelivered() throws Exception {
    f.seed("o-1", OrderStatus.DELIVERED);
    int racers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> outcomes = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      outcomes.add(pool.submit(() -> {
        start.await();
        try {
          request("o-1", ReturnReason.SIZE, Resolution.REFUND, new ReturnLine("SKU-1", 2));
          return true;
        } catch (Conflict lost) {
          return false;
        }
      }));
    }
    start.countDown();
    int won = 0;
    for (Future<Boolean> outcome : outcomes) {
      won += outcome.get(10, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();

    assertThat(won).isEqualTo(1);
    assertThat(f.progress.findByOrder("o-1")).hasSize(1);
    assertThat(f.returns.returnedQuantities("o-1").of("SKU-1")).isEqualTo(2);
  }

  @Test
  void theRefundNeverExceedsWhatIsLeftOfTheCapture() {
    f.seed("o-1", OrderStatus.DELIVERED);
    f.settlement.refund(throughRefundable("o-1"));
    // Someone refunded most of the order meanwhile (say customer service, as a goodwill gesture).
    var order = f.orders.find("o-1").orElseThrow();
    f.orders.update(order.withLedger(order.ledger().refund("goodwill", Money.of("40.00", "USD"), "re_x",
        f.clock.instant()), f.clock.instant()), List.of());
    ProductReturn rest = request("o-1", ReturnReason.DAMAGED, Resolution.REFUND, new ReturnLine("SKU-1", 1));
    throughInspection(rest, new InspectedLine("SKU-1", 1, Condition.DAMAGED));

    Money refunded = f.settlement.refund(rest.returnId());

    assertThat(refunded).as("72.30 captured - 29.90 - 40.00 refunded").isEqualTo(Money.of("2.40", "USD"));
    assertThat(f.orders.find("o-1").orElseThrow().ledger().refundable().isZero()).isTrue();
  }

  private String throughRefundable(String orderId) {
    ProductReturn first = request(orderId, ReturnReason.DAMAGED, Resolution.REFUND, new ReturnLine("SKU-1", 1));
    throughInspection(first, new InspectedLine("SKU-1", 1, Condition.DAMAGED));
    return first.returnId();
  }

  @Test
  void returnsAreOnlyForDeliveredOrdersWithinTheWindowOfTheirOwnCustomer() {
    f.seed("o-paid", OrderStatus.PAID);
    f.seed("o-1", OrderStatus.DELIVERED);
    Request one = new Request(List.of(new ReturnLine("SKU-1", 1)), ReturnReason.SIZE, Resolution.REFUND, null);

    assertThatThrownBy(() -> f.requests.request(CUSTOMER, "o-paid", one)).isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> f.requests.request(STRANGER, "o-1", one)).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> f.requests.request(CUSTOMER, "o-1",
        new Request(List.of(new ReturnLine("SKU-9", 1), new ReturnLine("SKU-1", 3)), ReturnReason.SIZE,
            Resolution.REFUND, null)))
        .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.problems())
            .extracting(InvalidInput.Problem::field).containsExactly("lines[0].sku", "lines[1].quantity"));

    f.clock.advance(Duration.ofDays(7).plusSeconds(1));
    assertThatThrownBy(() -> f.requests.request(CUSTOMER, "o-1", one))
        .isInstanceOf(Conflict.class).hasMessageContaining("window");
    assertThat(f.progress.findByOrder("o-1")).as("nothing stored on a refusal").isEmpty();
    assertThat(f.starter.started()).isEmpty();
  }

  @Test
  void aStepThatParksAfterTheEventAlreadyHappenedContinuesAtOnce() {
    f.seed("o-1", OrderStatus.DELIVERED);
    ProductReturn requested = request("o-1", ReturnReason.SIZE, Resolution.REFUND, new ReturnLine("SKU-2", 1));
    f.progress.review(requested.returnId(), "review-token");
    f.progress.receive(requested.returnId());

    f.progress.await(requested.returnId(), Kind.PARCEL, "late-parcel-token");

    List<Call> calls = f.callbacks.calls();
    assertThat(calls.get(calls.size() - 1).taskToken()).isEqualTo("late-parcel-token");
    assertThat(calls.get(calls.size() - 1).success()).isTrue();
    assertThatThrownBy(() -> f.progress.inspect(requested.returnId(),
        List.of(new InspectedLine("SKU-1", 1, Condition.RESELLABLE)))).isInstanceOf(InvalidInput.class);
  }
}
