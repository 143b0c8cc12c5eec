package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.order.PaymentLedger.LedgerRuleViolation;
import io.orderflow.order.PaymentLedger.Status;
import java.time.Instant;
import java.util.Currency;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PaymentLedgerTest {

  private static final Currency USD = Currency.getInstance("USD");
  private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

  private static Money usd(String amount) {
    return Money.of(amount, "USD");
  }

  private static PaymentLedger captured(String amount) {
    return PaymentLedger.empty(USD)
        .authorize("auth", usd(amount), "auth_1", T)
        .capture("cap", usd(amount), "cap_1", T.plusSeconds(1));
  }

  @Test
  void followsAnOrderFromAuthorizationToFullRefund() {
    PaymentLedger ledger = PaymentLedger.empty(USD);
    assertThat(ledger.status()).isEqualTo(Status.NONE);
    ledger = ledger.authorize("auth", usd("59.80"), "auth_1", T);
    assertThat(ledger.status()).isEqualTo(Status.AUTHORIZED);
    ledger = ledger.capture("cap", usd("59.80"), "cap_1", T.plusSeconds(1));
    assertThat(ledger.status()).isEqualTo(Status.CAPTURED);
    ledger = ledger.refund("r1", usd("20.00"), "re_1", T.plusSeconds(2));
    assertThat(ledger.status()).isEqualTo(Status.PARTIALLY_REFUNDED);
    assertThat(ledger.refundable()).isEqualTo(usd("39.80"));
    ledger = ledger.refund("r2", usd("39.80"), "re_2", T.plusSeconds(3));
    assertThat(ledger.status()).isEqualTo(Status.REFUNDED);
    assertThat(ledger.refundable().isZero()).isTrue();
  }

  @Test
  void neverRefundsMoreThanCapturedMinusRefunded() {
    PaymentLedger ledger = captured("50.00").refund("r1", usd("30.00"), "re_1", T.plusSeconds(2));
    assertThatThrownBy(() -> ledger.refund("r2", usd("20.01"), "re_2", T.plusSeconds(3)))
        .isInstanceOf(LedgerRuleViolation.class)
        .hasMessageContaining("already refunded 30.00 USD");
  }

  @Test
  void cannotRefundWhatWasOnlyAuthorized() {
    PaymentLedger ledger = PaymentLedger.empty(USD).authorize("auth", usd("10.00"), "a", T);
    assertThatThrownBy(() -> ledger.refund("r", usd("1.00"), "re", T)).isInstanceOf(LedgerRuleViolation.class);
  }

  @Test
  void aRepeatedRequestMovesMoneyOnce() {
    PaymentLedger once = captured("50.00").refund("r1", usd("10.00"), "re_1", T.plusSeconds(2));
    PaymentLedger twice = once.refund("r1", usd("10.00"), "re_1", T.plusSeconds(5));
    assertThat(twice).isEqualTo(once);
    assertThat(twice.refunded()).isEqualTo(usd("10.00"));
  }

  @Test
  void voidReleasesTheOpenAuthorizationAndIsANoOpAfterwards() {
    PaymentLedger ledger = PaymentLedger.empty(USD).authorize("auth", usd("25.00"), "a", T);
    PaymentLedger voided = ledger.voidAuthorization("void", "v", T.plusSeconds(1));
    assertThat(voided.status()).isEqualTo(Status.VOIDED);
    assertThat(voided.capturable().isZero()).isTrue();
    assertThat(voided.voidAuthorization("void-again", "v2", T.plusSeconds(2))).isEqualTo(voided);
    assertThat(PaymentLedger.empty(USD).voidAuthorization("void", "v", T).entries()).isEmpty();
  }

  @Test
  void capturesAtMostWhatIsAuthorizedAndOpen() {
    PaymentLedger ledger = PaymentLedger.empty(USD).authorize("auth", usd("25.00"), "a", T);
    assertThatThrownBy(() -> ledger.capture("cap", usd("25.01"), "c", T)).isInstanceOf(LedgerRuleViolation.class);
    PaymentLedger voided = ledger.voidAuthorization("void", "v", T);
    assertThatThrownBy(() -> voided.capture("cap", usd("1.00"), "c", T)).isInstanceOf(LedgerRuleViolation.class);
  }

  @Test
  void refusesSecondAuthorizationAndNonPositiveAmounts() {
    PaymentLedger ledger = PaymentLedger.empty(USD).authorize("auth", usd("5.00"), "a", T);
    assertThatThrownBy(() -> ledger.authorize("auth-2", usd("5.00"), "a2", T)).isInstanceOf(LedgerRuleViolation.class);
    assertThatThrownBy(() -> PaymentLedger.empty(USD).authorize("x", usd("0.00"), "a", T))
        .isInstanceOf(LedgerRuleViolation.class);
    assertThatThrownBy(() -> PaymentLedger.empty(USD).authorize("x", Money.of("5.00", "EUR"), "a", T))
        .isInstanceOf(LedgerRuleViolation.class);
  }

  @Test
  void addedSinceListsOnlyNewEntries() {
    PaymentLedger before = captured("10.00");
    PaymentLedger after = before.refund("r", usd("4.00"), "re", T.plusSeconds(9));
    assertThat(after.addedSince(before)).singleElement().satisfies(e -> assertThat(e.requestId()).isEqualTo("r"));
  }

  @Property(tries = 200)
  void whateverRefundsAreRequestedTheTotalNeverExceedsTheCapture(
      @ForAll @IntRange(min = 1, max = 100_00) int capturedCents,
      @ForAll @Size(max = 12) java.util.List<@IntRange(min = 1, max = 50_00) Integer> refundCents) {
    PaymentLedger ledger = captured(cents(capturedCents));
    int i = 0;
    for (int cents : refundCents) {
      try {
        ledger = ledger.refund("r" + i++, usd(cents(cents)), "re", T.plusSeconds(10 + i));
      } catch (LedgerRuleViolation refused) {
        // refused refunds leave the ledger as it was
      }
      assertThat(ledger.refunded().isGreaterThan(ledger.captured())).isFalse();
      assertThat(ledger.refundable().isNegative()).isFalse();
    }
  }

  private static String cents(int cents) {
    return String.format("%d.%02d", cents / 100, cents % 100);
  }
}
