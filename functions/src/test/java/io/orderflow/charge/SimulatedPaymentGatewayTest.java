package io.orderflow.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.charge.PaymentGateway.Authorization;
import io.orderflow.charge.PaymentGateway.Authorization.Outcome;
import io.orderflow.order.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatedPaymentGatewayTest {

  private static final Money TOTAL = Money.of("72.30", "USD");

  private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();

  @ParameterizedTest(name = "{0} → {1} {2}")
  @CsvSource({
      "tok_visa, APPROVED, ",
      "tok_mastercard, APPROVED, ",
      "tok_riskReview, REVIEW, ",
      "tok_chargeDeclined, DECLINED, card_declined",
      "tok_insufficientFunds, DECLINED, insufficient_funds",
      "tok_madeUp, DECLINED, unknown_token",
  })
  void answersEachTestToken(String token, Outcome outcome, String declineCode) {
    Authorization answer = gateway.authorize("authorize:o-1", token, TOTAL, 0);

    assertThat(answer.outcome()).isEqualTo(outcome);
    assertThat(answer.declineCode()).isEqualTo(declineCode);
    if (outcome == Outcome.DECLINED) {
      assertThat(answer.authorizationId()).isNull();
    } else {
      assertThat(answer.authorizationId()).startsWith("auth_");
    }
  }

  @ParameterizedTest(name = "attempt {0} fails")
  @ValueSource(ints = {0, 1})
  void processingErrorFailsOnTheFirstTwoAttempts(int attempt) {
    assertThatThrownBy(() -> gateway.authorize("authorize:o-1", "tok_processingError", TOTAL, attempt))
        .isInstanceOf(PaymentGatewayUnavailable.class);
  }

  @Test
  void processingErrorSucceedsOnTheThirdAttempt() {
    assertThat(gateway.authorize("authorize:o-1", "tok_processingError", TOTAL, 2).outcome())
        .isEqualTo(Outcome.APPROVED);
  }

  @Test
  void theSameKeyGetsTheSameReferenceAndAnotherKeyAnother() {
    String first = gateway.authorize("authorize:o-1", "tok_visa", TOTAL, 0).authorizationId();

    assertThat(gateway.authorize("authorize:o-1", "tok_visa", TOTAL, 0).authorizationId()).isEqualTo(first);
    assertThat(gateway.authorize("authorize:o-2", "tok_visa", TOTAL, 0).authorizationId()).isNotEqualTo(first);
  }

  @Test
  void capturesUpToWhatWasAuthorized() {
    String authorization = gateway.authorize("authorize:o-1", "tok_visa", TOTAL, 0).authorizationId();

    assertThat(gateway.capture("capture:o-1", authorization, TOTAL)).startsWith("cap_");
    assertThatThrownBy(() -> gateway.capture("capture:o-1b", authorization, Money.of("72.31", "USD")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> gateway.capture("capture:o-1c", "auth_forged", TOTAL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refundsUpToWhatWasCaptured() {
    String authorization = gateway.authorize("authorize:o-1", "tok_visa", TOTAL, 0).authorizationId();
    String capture = gateway.capture("capture:o-1", authorization, Money.of("50.00", "USD"));

    assertThat(gateway.refund("refund:o-1:r1", capture, Money.of("50.00", "USD"))).startsWith("re_");
    assertThatThrownBy(() -> gateway.refund("refund:o-1:r2", capture, Money.of("50.01", "USD")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> gateway.refund("refund:o-1:r3", authorization, Money.of("1.00", "USD")))
        .as("a refund needs a capture, not an authorization")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> gateway.refund("refund:o-1:r4", capture, Money.of("1.00", "EUR")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void voidsOnlyItsOwnAuthorizations() {
    String authorization = gateway.authorize("authorize:o-1", "tok_visa", TOTAL, 0).authorizationId();

    assertThat(gateway.voidAuthorization("void:o-1", authorization)).startsWith("void_");
    assertThatThrownBy(() -> gateway.voidAuthorization("void:o-2", "pi_elsewhere"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
