package io.orderflow.aftersales.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.aftersales.AftersalesFixture;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Json;
import io.orderflow.reserve.OutOfStock;
import io.orderflow.testing.RecordingWorkflowCallbacks.Call;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The return workflow's step handlers, fed the sample payloads of {@code events/aftersales/}. */
class ReturnStepHandlersTest {

  private static final String ORDER_ID = "3f2c9a7e-8b1d-4c6f-a5e2-9d0b7c4e1a68";
  private static final String RETURN_ID = ORDER_ID + "-R1";

  private final AftersalesFixture f = new AftersalesFixture();

  private void requestReturn(ReturnReason reason, Resolution resolution) {
    f.seed(ORDER_ID, OrderStatus.DELIVERED);
    f.requests.request(AftersalesFixture.CUSTOMER, ORDER_ID,
        new ReturnRequests.Request(List.of(new ReturnLine("SKU-1", 1)), reason, resolution, null));
  }

  private void inspectResellable() {
    f.progress.review(RETURN_ID, "review-token");
    f.progress.receive(RETURN_ID);
    f.progress.inspect(RETURN_ID, List.of(new InspectedLine("SKU-1", 1, InspectedLine.Condition.RESELLABLE)));
  }

  @Test
  void reviewApprovesWithinThePolicyAndResumesItsToken() throws IOException {
    requestReturn(ReturnReason.DAMAGED, Resolution.REFUND);

    JsonNode result = run(new ReviewReturnHandler(f.progress), "step-review-return");

    assertThat(result.get("returnId").asText()).isEqualTo(RETURN_ID);
    assertThat(f.returns.find(RETURN_ID).orElseThrow().status()).isEqualTo(ReturnStatus.APPROVED);
    assertThat(f.callbacks.calls()).singleElement().satisfies(call -> {
      assertThat(call.taskToken()).isEqualTo("AQCEAAAAKgAAAAMAAAAAAAAAAR9kbA");
      assertThat(call.success()).isTrue();
    });
  }

  @Test
  void reviewOfARejectedReturnThrowsTheErrorTheWorkflowCatches() {
    requestReturn(ReturnReason.OTHER, Resolution.REFUND);
    f.progress.close(RETURN_ID, ReturnStatus.REJECTED, "REVIEW_TIMEOUT");

    assertThatThrownBy(() -> run(new ReviewReturnHandler(f.progress), "step-review-return"))
        .isInstanceOf(ReturnRejected.class);
  }

  @Test
  void awaitParksTheTokenUntilOpsReceiveTheParcel() throws IOException {
    requestReturn(ReturnReason.SIZE, Resolution.REFUND);
    f.progress.review(RETURN_ID, "review-token");

    JsonNode result = run(new AwaitReturnHandler(f.progress), "step-await-parcel");
    List<Call> beforeReceipt = f.callbacks.calls();
    f.progress.receive(RETURN_ID);

    assertThat(result.get("event").asText()).isEqualTo("PARCEL");
    assertThat(beforeReceipt).extracting(Call::taskToken).containsExactly("review-token");
    assertThat(f.callbacks.calls()).extracting(Call::taskToken)
        .containsExactly("review-token", "AQCEAAAAKgAAAAMAAAAAAAAAAp3xQw");
  }

  @Test
  void awaitResumesAtOnceWhenTheInspectionAlreadyHappened() throws IOException {
    requestReturn(ReturnReason.SIZE, Resolution.REFUND);
    inspectResellable();

    run(new AwaitReturnHandler(f.progress), "step-await-inspection");

    assertThat(f.callbacks.calls()).last().satisfies(call -> {
      assertThat(call.taskToken()).isEqualTo("AQCEAAAAKgAAAAMAAAAAAAAAA7cTnA");
      assertThat(call.output()).isEqualTo(Map.of("acceptedUnits", 1, "resolution", "REFUND"));
    });
  }

  @Test
  void closeEndsTheReturnOnceAndFreesItsUnits() throws IOException {
    requestReturn(ReturnReason.SIZE, Resolution.REFUND);
    f.progress.review(RETURN_ID, "review-token");

    JsonNode first = run(new CloseReturnHandler(f.progress), "step-close-return");
    JsonNode again = run(new CloseReturnHandler(f.progress), "step-close-return");

    assertThat(first.get("status").asText()).isEqualTo("CLOSED");
    assertThat(first.get("statusReason").asText()).isEqualTo("PARCEL_NEVER_ARRIVED");
    assertThat(again).isEqualTo(first);
    assertThat(f.returns.returnedQuantities(ORDER_ID).bySku()).isEmpty();
    assertThat(f.orders.timeline(ORDER_ID)).filteredOn(e -> e.type().equals("RETURN_CLOSED")).hasSize(1);
  }

  @Test
  void anExchangePlacesAPaidReplacementOnceAndCompletesWithTheStockBack() throws IOException {
    requestReturn(ReturnReason.SIZE, Resolution.EXCHANGE);
    inspectResellable();
    f.inventory.setAvailable("SKU-1", 1);

    JsonNode placed = run(new PlaceReplacementHandler(f.settlement), "step-place-replacement");
    JsonNode retried = run(new PlaceReplacementHandler(f.settlement), "step-place-replacement");
    JsonNode exchanged = run(new CompleteExchangeHandler(f.settlement), "step-complete-exchange");

    assertThat(placed.get("replacementOrderId").asText()).isEqualTo(RETURN_ID + "-X");
    assertThat(retried).isEqualTo(placed);
    assertThat(f.orders.find(RETURN_ID + "-X").orElseThrow().status()).isEqualTo(OrderStatus.PAID);
    assertThat(exchanged.get("status").asText()).isEqualTo("EXCHANGED");
    assertThat(f.inventory.level("SKU-1").available()).as("the returned unit is back on the shelf").isEqualTo(1);
    assertThat(f.inventory.level("SKU-1").reserved()).as("the replacement's unit").isEqualTo(1);
  }

  @Test
  void anExchangeWithoutStockThrowsOutOfStock() {
    requestReturn(ReturnReason.SIZE, Resolution.EXCHANGE);
    inspectResellable();

    assertThatThrownBy(() -> run(new PlaceReplacementHandler(f.settlement), "step-place-replacement"))
        .isInstanceOf(OutOfStock.class);
    assertThat(f.orders.find(RETURN_ID + "-X")).isEmpty();
  }

  @Test
  void refundPaysTheAcceptedUnitsOnceAndRestocksThem() throws IOException {
    requestReturn(ReturnReason.DAMAGED, Resolution.REFUND);
    inspectResellable();

    JsonNode refunded = run(new RefundReturnHandler(f.settlement), "step-refund-return");
    JsonNode again = run(new RefundReturnHandler(f.settlement), "step-refund-return");

    assertThat(refunded.get("refunded")).isEqualTo(Json.MAPPER.readTree("{\"amount\": \"29.90\", \"currency\": \"USD\"}"));
    assertThat(again).isEqualTo(refunded);
    assertThat(f.orders.find(ORDER_ID).orElseThrow().ledger().refunded().amountString()).isEqualTo("29.90");
    assertThat(f.inventory.level("SKU-1").available()).isEqualTo(1);
  }

  @Test
  void aPayloadWithoutAReturnIdIsRefused() {
    assertThatThrownBy(() -> new RefundReturnHandler(f.settlement).handleRequest(
        new ByteArrayInputStream("{}".getBytes()), new ByteArrayOutputStream(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonNode run(RequestStreamHandler handler, String event) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream input = ReturnStepHandlersTest.class.getResourceAsStream("/events/aftersales/" + event + ".json")) {
      handler.handleRequest(input, output, null);
    }
    return Json.MAPPER.readTree(output.toByteArray());
  }
}
