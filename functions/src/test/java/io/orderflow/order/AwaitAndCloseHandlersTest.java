package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.order.Order.AwaitedEvent.Kind;
import io.orderflow.platform.Json;
import io.orderflow.testing.FulfillmentFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The await and close handlers fed the sample task inputs of {@code events/steps/}. */
class AwaitAndCloseHandlersTest {

  final FulfillmentFixture fixture = new FulfillmentFixture();

  @Test
  void awaitDeliveryParksTheSampleToken() throws IOException {
    fixture.seed(OrderStatus.IN_TRANSIT);

    JsonNode result = invoke(new AwaitOrderEventHandler(fixture.awaits()), "await-delivery");

    assertThat(result.get("outcome").asText()).isEqualTo("PARKED");
    assertThat(fixture.order().awaiting())
        .isEqualTo(new Order.AwaitedEvent(Kind.DELIVERY, task("await-delivery").get("taskToken").asText()));
  }

  @Test
  void awaitHoldReleaseAndReceiptReadTheirEvent() throws IOException {
    fixture.seed(OrderStatus.ON_HOLD);
    assertThat(invoke(new AwaitOrderEventHandler(fixture.awaits()), "await-hold").get("event").asText())
        .isEqualTo("HOLD_RELEASE");

    FulfillmentFixture completed = new FulfillmentFixture();
    completed.seed(OrderStatus.COMPLETED);
    JsonNode receipt = invoke(new AwaitOrderEventHandler(completed.awaits()), "await-receipt");
    assertThat(receipt.get("outcome").asText()).isEqualTo("RESUMED");
    assertThat(completed.callbacks.calls()).hasSize(1);
  }

  @Test
  void closeCompletesTheSampleOrder() throws IOException {
    fixture.seed(OrderStatus.DELIVERED);

    JsonNode result = invoke(new CloseOrderHandler(fixture.closing()), "close");

    assertThat(result).isEqualTo(Json.MAPPER.readTree(
        "{\"orderId\":\"" + FulfillmentFixture.ORDER_ID + "\",\"status\":\"COMPLETED\",\"statusReason\":\"AUTO_CONFIRMED\"}"));
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.COMPLETED);
  }

  private JsonNode invoke(RequestStreamHandler handler, String step) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream input = getClass().getResourceAsStream("/events/steps/" + step + ".json")) {
      handler.handleRequest(input, output, null);
    }
    return Json.MAPPER.readTree(output.toByteArray());
  }

  private JsonNode task(String step) throws IOException {
    try (InputStream input = getClass().getResourceAsStream("/events/steps/" + step + ".json")) {
      return Json.MAPPER.readTree(input);
    }
  }
}
