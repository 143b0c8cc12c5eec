package io.orderflow.charge;

import static io.orderflow.testing.OrderStepsFixture.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.charge.PaymentService.Paid;
import io.orderflow.order.LedgerEntry;
import io.orderflow.order.LedgerEntry.Kind;
import io.orderflow.order.Money;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.OrderCancelled;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.PaymentLedger;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Queue;
import io.orderflow.testing.OrderStepsFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentServiceTest {

  private static final Money TOTAL = Money.of("72.30", "USD");

  private final OrderStepsFixture fixture = new OrderStepsFixture();
  private final PaymentService payments = fixture.payments();

  @ParameterizedTest
  @ValueSource(strings = {"tok_visa", "tok_mastercard"})
  void authorizesTheTotalAndMovesTheOrderToPaid(String token) {
    fixture.reserved(token);

    Paid paid = payments.authorize(ORDER_ID, 0);

    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    LedgerEntry authorization = order.ledger().authorization().orElseThrow();
    assertThat(authorization.amount()).isEqualTo(TOTAL);
    assertThat(authorization.requestId()).isEqualTo("authorize:" + ORDER_ID);
    assertThat(paid).isEqualTo(new Paid(OrderStatus.PAID, authorization.reference()));
    assertThat(lastEvent().type()).isEqualTo("PAYMENT_AUTHORIZED");
    assertThat(lastEvent().detail()).containsEntry("amount", "72.30").containsEntry("currency", "USD");
  }

  @Test
  void aRetriedChargeReturnsTheSameResultAndAuthorizesOnce() {
    fixture.reserved("tok_visa");
    Paid first = payments.authorize(ORDER_ID, 0);

    assertThat(payments.authorize(ORDER_ID, 1)).isEqualTo(first);
    assertThat(fixture.order().ledger().entries()).hasSize(1);
    assertThat(fixture.timelineTypes()).containsOnlyOnce("PAYMENT_AUTHORIZED");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tok_chargeDeclined", "tok_insufficientFunds", "tok_unknown"})
  void aDeclineCancelsTheOrderAndTellsTheCustomer(String token) {
    fixture.reserved(token);

    assertThatThrownBy(() -> payments.authorize(ORDER_ID, 0)).isInstanceOf(PaymentDeclined.class);

    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.statusReason()).isEqualTo(StatusReason.PAYMENT_DECLINED);
    assertThat(order.ledger().entries()).isEmpty();
    assertThat(lastEvent().type()).isEqualTo("PAYMENT_DECLINED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .filteredOn(n -> n.type().equals("ORDER_CANCELLED")).singleElement()
        .satisfies(n -> assertThat(n.data()).containsEntry("reason", "PAYMENT_DECLINED"));
  }

  @Test
  void aRetriedDeclineFailsAgainWithoutRecordingTwice() {
    fixture.reserved("tok_chargeDeclined");
    assertThatThrownBy(() -> payments.authorize(ORDER_ID, 0)).isInstanceOf(PaymentDeclined.class);

    assertThatThrownBy(() -> payments.authorize(ORDER_ID, 1)).isInstanceOf(PaymentDeclined.class);
    assertThat(fixture.timelineTypes()).containsOnlyOnce("PAYMENT_DECLINED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .filteredOn(n -> n.type().equals("ORDER_CANCELLED")).hasSize(1);
  }

  @Test
  void aProcessingErrorFailsTransientlyTwiceThenTheThirdAttemptIsPaid() {
    fixture.reserved("tok_processingError");

    for (int attempt = 0; attempt < 2; attempt++) {
      int retryCount = attempt;
      assertThatThrownBy(() -> payments.authorize(ORDER_ID, retryCount)).isInstanceOf(PaymentGatewayUnavailable.class);
      assertThat(fixture.order().status()).isEqualTo(OrderStatus.RESERVED);
    }
    Paid paid = payments.authorize(ORDER_ID, 2);

    assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.PAID);
    assertThat(fixture.timelineTypes()).containsOnlyOnce("PAYMENT_AUTHORIZED");
  }

  @Test
  void aRiskReviewAuthorizesButHoldsTheOrder() {
    fixture.reserved("tok_riskReview");

    assertThatThrownBy(() -> payments.authorize(ORDER_ID, 0)).isInstanceOf(PaymentHeld.class);

    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.ON_HOLD);
    assertThat(order.statusReason()).isEqualTo(StatusReason.RISK_REVIEW);
    assertThat(order.ledger().authorized()).isEqualTo(TOTAL);
    assertThat(lastEvent().type()).isEqualTo("PAYMENT_HELD");
    assertThatThrownBy(() -> payments.authorize(ORDER_ID, 1)).as("a retry is held again").isInstanceOf(PaymentHeld.class);
    assertThat(fixture.timelineTypes()).containsOnlyOnce("PAYMENT_HELD");
  }

  @Test
  void aHeldOrderReleasedByOpsIsReportedPaid() {
    fixture.reserved("tok_riskReview");
    assertThatThrownBy(() -> payments.authorize(ORDER_ID, 0)).isInstanceOf(PaymentHeld.class);
    fixture.orders.update(fixture.order().moveTo(OrderStatus.PAID, null, fixture.clock.instant()), List.of());

    assertThat(payments.authorize(ORDER_ID, 0).status()).isEqualTo(OrderStatus.PAID);
  }

  @Test
  void aCancelledOrderIsNotCharged() {
    Order reserved = fixture.reserved("tok_visa");
    fixture.orders.update(
        reserved.moveTo(OrderStatus.CANCELLED, StatusReason.CUSTOMER_CANCELLED, fixture.clock.instant()), List.of());

    assertThatThrownBy(() -> payments.authorize(ORDER_ID, 0)).isInstanceOf(OrderCancelled.class);
    assertThat(fixture.order().ledger().entries()).isEmpty();
  }

  @Test
  void capturesTheWholeAuthorizationOnceAndLeavesTheStatus() {
    fixture.paid();

    Money captured = payments.capture(ORDER_ID);

    assertThat(captured).isEqualTo(TOTAL);
    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.PAID);
    assertThat(order.ledger().status()).isEqualTo(PaymentLedger.Status.CAPTURED);
    assertThat(order.ledger().capture().orElseThrow().reference()).startsWith("cap_");
    assertThat(payments.capture(ORDER_ID)).isEqualTo(TOTAL);
    assertThat(fixture.order().ledger().entries()).extracting(LedgerEntry::kind).containsExactly(Kind.AUTHORIZE, Kind.CAPTURE);
    assertThat(fixture.timelineTypes()).containsOnlyOnce("PAYMENT_CAPTURED");
  }

  @Test
  void voidsAnOpenAuthorizationOnceAndAnswersTheSameOnARetry() {
    fixture.paid();

    assertThat(payments.voidAuthorization(ORDER_ID)).isTrue();
    assertThat(payments.voidAuthorization(ORDER_ID)).isTrue();

    PaymentLedger ledger = fixture.order().ledger();
    assertThat(ledger.status()).isEqualTo(PaymentLedger.Status.VOIDED);
    assertThat(ledger.voided()).isEqualTo(TOTAL);
    assertThat(ledger.capturable().isZero()).isTrue();
    assertThat(fixture.timelineTypes()).containsOnlyOnce("PAYMENT_VOIDED");
  }

  @Test
  void thereIsNothingToVoidBeforeAnAuthorizationOrAfterACapture() {
    fixture.reserved("tok_visa");
    assertThat(payments.voidAuthorization(ORDER_ID)).isFalse();

    payments.authorize(ORDER_ID, 0);
    payments.capture(ORDER_ID);

    assertThat(payments.voidAuthorization(ORDER_ID)).isFalse();
    assertThat(fixture.order().ledger().captured()).isEqualTo(TOTAL);
    assertThat(fixture.timelineTypes()).doesNotContain("PAYMENT_VOIDED");
  }

  @Test
  void aVoidedAuthorizationCannotBeCaptured() {
    fixture.paid();
    payments.voidAuthorization(ORDER_ID);

    assertThatThrownBy(() -> payments.capture(ORDER_ID)).isInstanceOf(IllegalStateException.class);
    assertThat(fixture.order().ledger().captured().isZero()).isTrue();
  }

  private TimelineEvent lastEvent() {
    List<TimelineEvent> timeline = fixture.orders.timeline(ORDER_ID);
    return timeline.get(timeline.size() - 1);
  }
}
