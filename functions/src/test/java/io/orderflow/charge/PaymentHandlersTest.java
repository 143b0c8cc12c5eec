package io.orderflow.charge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.PaymentLedger;
import io.orderflow.platform.Json;
import io.orderflow.testing.OrderStepsFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class PaymentHandlersTest {

  private final OrderStepsFixture fixture = new OrderStepsFixture();

  @Test
  void chargeAnswersPaidWithTheAuthorizationId() throws IOException {
    fixture.reserved("tok_visa");

    JsonNode result = invoke(new AuthorizePaymentHandler(fixture.payments()), "charge");

    assertThat(result.path("status").asText()).isEqualTo("PAID");
    assertThat(result.path("authorizationId").asText())
        .isEqualTo(fixture.order().ledger().authorization().orElseThrow().reference());
  }

  @Test
  void chargeReportsADeclineAsPaymentDeclined() {
    fixture.reserved("tok_chargeDeclined");

    assertThatThrownBy(() -> invoke(new AuthorizePaymentHandler(fixture.payments()), "charge"))
        .isExactlyInstanceOf(PaymentDeclined.class);
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void chargeReadsTheRetryCountAsTheAttempt() {
    fixture.reserved("tok_processingError");

    // The sample event is the first attempt (RetryCount 0): the simulated provider fails it.
    assertThatThrownBy(() -> invoke(new AuthorizePaymentHandler(fixture.payments()), "charge"))
        .isExactlyInstanceOf(PaymentGatewayUnavailable.class);
  }

  @Test
  void captureAnswersTheCapturedMoney() throws IOException {
    fixture.paid();

    JsonNode result = invoke(new CapturePaymentHandler(fixture.payments()), "capture");

    assertThat(result.path("captured").path("amount").asText()).isEqualTo("72.30");
    assertThat(result.path("captured").path("currency").asText()).isEqualTo("USD");
  }

  @Test
  void voidAnswersWhetherTheAuthorizationIsVoided() throws IOException {
    fixture.paid();
    VoidPaymentHandler handler = new VoidPaymentHandler(fixture.payments());

    assertThat(invoke(handler, "void").path("voided").asBoolean()).isTrue();
    assertThat(fixture.order().ledger().status()).isEqualTo(PaymentLedger.Status.VOIDED);
  }

  @Test
  void voidOfAnUnpaidOrderAnswersFalse() throws IOException {
    fixture.reserved("tok_visa");

    assertThat(invoke(new VoidPaymentHandler(fixture.payments()), "void").path("voided").asBoolean()).isFalse();
  }

  private static JsonNode invoke(RequestStreamHandler handler, String step) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream input = PaymentHandlersTest.class.getResourceAsStream("/events/steps/" + step + ".json")) {
      handler.handleRequest(input, output, null);
    }
    return Json.MAPPER.readTree(output.toByteArray());
  }
}
