package io.orderflow.refund;

import static io.orderflow.testing.OrderStepsFixture.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.order.Money;
import io.orderflow.order.Notification;
import io.orderflow.order.PaymentLedger;
import io.orderflow.platform.Queue;
import io.orderflow.refund.RefundService.Payment;
import io.orderflow.refund.RefundService.Refunded;
import io.orderflow.testing.OrderStepsFixture;
import org.junit.jupiter.api.Test;

class RefundServiceTest {

  private static final Money TOTAL = Money.of("72.30", "USD");

  private final OrderStepsFixture fixture = new OrderStepsFixture();
  private final RefundService refunds = fixture.refunds();

  @Test
  void refundsEverythingRefundableWhenNoAmountIsGiven() {
    fixture.captured();

    Refunded result = refunds.refund(ORDER_ID, "delivery-exception-" + ORDER_ID, null, "DELIVERY_EXCEPTION");

    assertThat(result.refunded()).isEqualTo(TOTAL);
    assertThat(result.payment()).isEqualTo(new Payment(PaymentLedger.Status.REFUNDED, TOTAL, TOTAL, TOTAL));
    assertThat(fixture.order().ledger().refunded()).isEqualTo(TOTAL);
    assertThat(fixture.timelineTypes()).containsOnlyOnce("PAYMENT_REFUNDED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .filteredOn(n -> n.type().equals("REFUNDED")).singleElement()
        .satisfies(n -> assertThat(n.data())
            .containsEntry("amount", "72.30")
            .containsEntry("reason", "DELIVERY_EXCEPTION"));
  }

  @Test
  void aRepeatedRequestRefundsOnce() {
    fixture.captured();
    Refunded first = refunds.refund(ORDER_ID, "return-r1", Money.of("20.00", "USD"), "DAMAGED");

    Refunded again = refunds.refund(ORDER_ID, "return-r1", Money.of("20.00", "USD"), "DAMAGED");

    assertThat(again).isEqualTo(first);
    assertThat(fixture.order().ledger().refunded()).isEqualTo(Money.of("20.00", "USD"));
    assertThat(fixture.timelineTypes()).containsOnlyOnce("PAYMENT_REFUNDED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .filteredOn(n -> n.type().equals("REFUNDED")).hasSize(1);
  }

  @Test
  void partialRefundsAddUpToTheCapturedAmountAndNoFurther() {
    fixture.captured();

    refunds.refund(ORDER_ID, "r1", Money.of("30.00", "USD"), "SIZE");
    refunds.refund(ORDER_ID, "r2", Money.of("42.29", "USD"), "DAMAGED");
    Refunded last = refunds.refund(ORDER_ID, "r3", Money.of("0.01", "USD"), "DAMAGED");

    assertThat(last.payment()).isEqualTo(new Payment(PaymentLedger.Status.REFUNDED, TOTAL, TOTAL, TOTAL));
    assertThatThrownBy(() -> refunds.refund(ORDER_ID, "r4", Money.of("0.01", "USD"), "DAMAGED"))
        .isInstanceOf(RefundExceedsCaptured.class);
    assertThat(refunds.refund(ORDER_ID, "r5", null, "DAMAGED").refunded().isZero())
        .as("nothing is left to refund in full").isTrue();
  }

  @Test
  void neverRefundsMoreThanCapturedMinusRefunded() {
    fixture.captured();
    refunds.refund(ORDER_ID, "r1", Money.of("70.00", "USD"), "SIZE");

    assertThatThrownBy(() -> refunds.refund(ORDER_ID, "r2", Money.of("2.31", "USD"), "SIZE"))
        .isInstanceOf(RefundExceedsCaptured.class)
        .hasMessageContaining("2.30");

    PaymentLedger ledger = fixture.order().ledger();
    assertThat(ledger.refunded()).isEqualTo(Money.of("70.00", "USD"));
    assertThat(ledger.status()).isEqualTo(PaymentLedger.Status.PARTIALLY_REFUNDED);
  }

  @Test
  void nothingCapturedRefundsZero() {
    fixture.paid();

    Refunded result = refunds.refund(ORDER_ID, "delivery-timeout-" + ORDER_ID, null, "DELIVERY_TIMEOUT");

    assertThat(result.refunded()).isEqualTo(Money.zero("USD"));
    assertThat(result.payment().status()).isEqualTo(PaymentLedger.Status.AUTHORIZED);
    assertThat(fixture.timelineTypes()).doesNotContain("PAYMENT_REFUNDED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .noneMatch(n -> n.type().equals("REFUNDED"));
  }

  @Test
  void anAmountWhenNothingWasCapturedExceedsIt() {
    fixture.paid();

    assertThatThrownBy(() -> refunds.refund(ORDER_ID, "r1", Money.of("1.00", "USD"), "SIZE"))
        .isInstanceOf(RefundExceedsCaptured.class);
  }
}
