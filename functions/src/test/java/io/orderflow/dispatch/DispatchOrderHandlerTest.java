package io.orderflow.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.order.Order.AwaitedEvent;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Json;
import io.orderflow.testing.FulfillmentFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class DispatchOrderHandlerTest {

  final FulfillmentFixture fixture = new FulfillmentFixture();
  final DispatchOrderHandler handler = new DispatchOrderHandler(fixture.dispatch());

  @Test
  void dispatchesTheSampleTaskAndAnswersTheTrackingNumber() throws IOException {
    fixture.seed(OrderStatus.PAID);
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    try (InputStream input = getClass().getResourceAsStream("/events/steps/dispatch.json")) {
      handler.handleRequest(input, output, null);
    }

    JsonNode task = Json.MAPPER.readTree(getClass().getResourceAsStream("/events/steps/dispatch.json"));
    assertThat(Json.MAPPER.readTree(output.toByteArray()).get("trackingNumber").asText())
        .isEqualTo(FulfillmentFixture.TRACKING_NUMBER);
    assertThat(fixture.order().awaiting())
        .isEqualTo(new AwaitedEvent(AwaitedEvent.Kind.PICKUP, task.get("taskToken").asText()));
  }
}
