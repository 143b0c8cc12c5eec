package io.orderflow.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.platform.Json;
import io.orderflow.testing.OrderStepsFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class RefundPaymentHandlerTest {

  private final OrderStepsFixture fixture = new OrderStepsFixture();
  private final RefundPaymentHandler handler = new RefundPaymentHandler(fixture.refunds());

  @Test
  void refundsEverythingForTheWorkflowAndReportsThePayment() throws IOException {
    fixture.captured();

    JsonNode result = invoke("/events/steps/refund.json");

    assertThat(result.path("refunded").path("amount").asText()).isEqualTo("72.30");
    assertThat(result.path("refunded").path("currency").asText()).isEqualTo("USD");
    assertThat(result.path("payment").path("status").asText()).isEqualTo("REFUNDED");
    assertThat(result.path("payment").path("captured").path("amount").asText()).isEqualTo("72.30");
  }

  @Test
  void theSameEventTwiceRefundsOnce() throws IOException {
    fixture.captured();

    invoke("/events/steps/refund.json");
    JsonNode again = invoke("/events/steps/refund.json");

    assertThat(again.path("refunded").path("amount").asText()).isEqualTo("72.30");
    assertThat(fixture.order().ledger().entries()).hasSize(3);
  }

  private JsonNode invoke(String event) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream input = RefundPaymentHandlerTest.class.getResourceAsStream(event)) {
      handler.handleRequest(input, output, null);
    }
    return Json.MAPPER.readTree(output.toByteArray());
  }
}
