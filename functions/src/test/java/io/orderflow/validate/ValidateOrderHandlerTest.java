package io.orderflow.validate;

import static io.orderflow.testing.OrderStepsFixture.ADDRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.order.InvalidOrder;
import io.orderflow.order.OrderLine;
import io.orderflow.platform.Json;
import io.orderflow.testing.OrderStepsFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidateOrderHandlerTest {

  private final OrderStepsFixture fixture = new OrderStepsFixture();
  private final ValidateOrderHandler handler = new ValidateOrderHandler(fixture.validation());

  @Test
  void answersTheTaskPayloadOfTheWorkflow() throws IOException {
    fixture.place("tok_visa");
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    try (InputStream input = event()) {
      handler.handleRequest(input, output, null);
    }

    JsonNode result = Json.MAPPER.readTree(output.toByteArray());
    assertThat(result.path("orderId").asText()).isEqualTo(OrderStepsFixture.ORDER_ID);
    assertThat(result.path("status").asText()).isEqualTo("VALIDATED");
    assertThat(result.path("eta").asText()).isEqualTo("2026-12-02");
  }

  @Test
  void aRejectionReachesTheWorkflowAsInvalidOrder() throws IOException {
    fixture.place("tok_visa", ADDRESS, List.of(new OrderLine("SKU-404", 1, null)));

    try (InputStream input = event()) {
      assertThatThrownBy(() -> handler.handleRequest(input, new ByteArrayOutputStream(), null))
          .isExactlyInstanceOf(InvalidOrder.class);
    }
  }

  private static InputStream event() {
    return ValidateOrderHandlerTest.class.getResourceAsStream("/events/steps/validate.json");
  }
}
