package io.orderflow.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.charge.PaymentGateway.Authorization;
import io.orderflow.idempotency.Idempotency;
import io.orderflow.order.Money;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.testing.InMemoryIdempotencyStore;
import io.orderflow.testing.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotentPaymentGatewayTest {

  private static final Money TOTAL = Money.of("72.30", "USD");

  private final AtomicInteger providerCalls = new AtomicInteger();
  private final SimulatedPaymentGateway simulated = new SimulatedPaymentGateway();
  private final PaymentGateway counting = new PaymentGateway() {
    @Override
    public Authorization authorize(String key, String token, Money amount, int attempt) {
      providerCalls.incrementAndGet();
      return simulated.authorize(key, token, amount, attempt);
    }

    @Override
    public String capture(String key, String authorizationId, Money amount) {
      providerCalls.incrementAndGet();
      return simulated.capture(key, authorizationId, amount);
    }

    @Override
    public String voidAuthorization(String key, String authorizationId) {
      providerCalls.incrementAndGet();
      return simulated.voidAuthorization(key, authorizationId);
    }

    @Override
    public String refund(String key, String captureId, Money amount) {
      providerCalls.incrementAndGet();
      return simulated.refund(key, captureId, amount);
    }
  };
  private final IdempotentPaymentGateway gateway = new IdempotentPaymentGateway(
      counting, Idempotency.withDefaults(new InMemoryIdempotencyStore(), MutableClock.at("2026-11-25T10:00:00Z")));

  @Test
  void aClaimLeftByARunThatDiedIsALeaseThatTheRetryTakesOverOnceItRunsOut() {
    MutableClock clock = MutableClock.at("2026-11-25T10:00:00Z");
    InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
    IdempotentPaymentGateway leased = new IdempotentPaymentGateway(counting, PaymentService.leased(store, clock, PaymentService.IDEMPOTENCY_LEASE));
    String request = Idempotency.hash("authorize|tok_visa|" + TOTAL);
    // A process was killed while the provider had the call: its claim stays IN_PROGRESS.
    store.begin("authorize:o-1", request, clock.instant(), clock.instant().plus(PaymentService.IDEMPOTENCY_LEASE));

    clock.advance(PaymentService.IDEMPOTENCY_LEASE.minusSeconds(1));
    assertThatThrownBy(() -> leased.authorize("authorize:o-1", "tok_visa", TOTAL, 1))
        .isInstanceOf(PaymentGatewayUnavailable.class);
    assertThat(providerCalls).hasValue(0);

    clock.advance(Duration.ofSeconds(2));
    Authorization taken = leased.authorize("authorize:o-1", "tok_visa", TOTAL, 2);

    assertThat(taken.outcome()).isEqualTo(Authorization.Outcome.APPROVED);
    // Repeated under the same key, which the provider dedupes; later retries replay the answer.
    assertThat(taken).isEqualTo(simulated.authorize("authorize:o-1", "tok_visa", TOTAL, 0));
    assertThat(leased.authorize("authorize:o-1", "tok_visa", TOTAL, 3)).isEqualTo(taken);
    assertThat(providerCalls).hasValue(1);
  }

  @Test
  void theLeaseComesFromThePaymentFunctionsTimeoutsAndOutlastsAnyOfTheirInvocations() {
    assertThat(PaymentService.IDEMPOTENCY_LEASE)
        .isGreaterThan(LambdaFunction.CHARGE.timeout())
        .isGreaterThan(LambdaFunction.REFUND.timeout())
        .isEqualTo(Idempotency.lease(LambdaFunction.CHARGE.timeout()));
  }

  @Test
  void aRepeatedRequestIsAnsweredFromTheStoreWithoutCallingTheProvider() {
    Authorization first = gateway.authorize("authorize:o-1", "tok_visa", TOTAL, 0);

    // A later retry of the same step carries a higher attempt number: still the same request.
    assertThat(gateway.authorize("authorize:o-1", "tok_visa", TOTAL, 1)).isEqualTo(first);
    assertThat(providerCalls).hasValue(1);
  }

  @Test
  void aTransientFailureIsNotRememberedSoTheRetryReachesTheProvider() {
    assertThatThrownBy(() -> gateway.authorize("authorize:o-1", "tok_processingError", TOTAL, 0))
        .isInstanceOf(PaymentGatewayUnavailable.class);
    assertThatThrownBy(() -> gateway.authorize("authorize:o-1", "tok_processingError", TOTAL, 1))
        .isInstanceOf(PaymentGatewayUnavailable.class);

    assertThat(gateway.authorize("authorize:o-1", "tok_processingError", TOTAL, 2).outcome())
        .isEqualTo(Authorization.Outcome.APPROVED);
    assertThat(providerCalls).hasValue(3);
  }

  @Test
  void aDeclineIsAFinalAnswerAndReplayed() {
    gateway.authorize("authorize:o-1", "tok_chargeDeclined", TOTAL, 0);

    assertThat(gateway.authorize("authorize:o-1", "tok_chargeDeclined", TOTAL, 0).declineCode())
        .isEqualTo("card_declined");
    assertThat(providerCalls).hasValue(1);
  }

  @Test
  void refundsAreOncePerKey() {
    String authorization = gateway.authorize("authorize:o-1", "tok_visa", TOTAL, 0).authorizationId();
    String capture = gateway.capture("capture:o-1", authorization, TOTAL);

    String refund = gateway.refund("refund:o-1:r1", capture, Money.of("10.00", "USD"));

    assertThat(gateway.refund("refund:o-1:r1", capture, Money.of("10.00", "USD"))).isEqualTo(refund);
    assertThat(providerCalls).hasValue(3);
    assertThatThrownBy(() -> gateway.refund("refund:o-1:r1", capture, Money.of("20.00", "USD")))
        .as("the same key with another amount is a different request")
        .isInstanceOf(Idempotency.KeyReused.class);
  }
}
