package io.orderflow.sweep;

import static io.orderflow.testing.OrderStepsFixture.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.intake.ExecutionSettings;
import io.orderflow.intake.FulfillmentStarter;
import io.orderflow.platform.Json;
import io.orderflow.platform.Metrics;
import io.orderflow.sweep.FulfillmentExecutions.Status;
import io.orderflow.testing.OrderStepsFixture;
import io.orderflow.testing.RecordingWorkflowStarter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SweepStrandedOrdersHandlerTest {

  private static final String SCHEDULE = "events/schedule/sweep-stranded-orders.json";

  private final OrderStepsFixture steps = new OrderStepsFixture();
  private final List<String> emf = new CopyOnWriteArrayList<>();

  private SweepStrandedOrdersHandler handler(FulfillmentExecutions executions) {
    StrandedOrderSweeper sweeper = new StrandedOrderSweeper(steps.orders, executions,
        new FulfillmentStarter(new RecordingWorkflowStarter(), ExecutionSettings.DEFAULTS), steps.payments(),
        steps.refunds(), steps.reservations(), steps.clock, SweepSettings.DEFAULTS);
    return new SweepStrandedOrdersHandler(sweeper, SweepMetrics.emf(emf::add, steps.clock, "orderflow"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> scheduledEvent() throws IOException {
    try (InputStream in = SweepStrandedOrdersHandlerTest.class.getClassLoader().getResourceAsStream(SCHEDULE)) {
      return Json.MAPPER.readValue(in, Map.class);
    }
  }

  @Test
  void aScheduledRunReportsItsCountsAsOneEmfDocument() throws IOException {
    Map<String, Object> event = scheduledEvent();
    assertThat(event).containsEntry("detail-type", "Scheduled Event");
    steps.paid();
    steps.clock.advance(Duration.ofMinutes(30));

    StrandedOrderSweeper.Report report = handler(new FakeExecutions().with(ORDER_ID, Status.FAILED, 0)).handleRequest(event, null);

    assertThat(report.redriven()).isEqualTo(1);
    assertThat(emf).singleElement().satisfies(line -> {
      JsonNode doc = Json.read(line, JsonNode.class);
      JsonNode directive = doc.at("/_aws/CloudWatchMetrics/0");
      assertThat(directive.get("Namespace").asText()).isEqualTo(Metrics.NAMESPACE);
      assertThat(directive.get("Metrics")).extracting(m -> m.get("Name").asText()).containsExactly(
          Metrics.ORDERS_REDRIVEN, Metrics.ORDERS_RESTARTED, Metrics.ORDERS_COMPENSATED, Metrics.ORDERS_PARKED,
          Metrics.SWEEP_FAILURES);
      assertThat(doc.get(Metrics.ORDERS_REDRIVEN).asInt()).isEqualTo(1);
      assertThat(doc.get(Metrics.ORDERS_COMPENSATED).asInt()).isZero();
      assertThat(doc.get(Metrics.SERVICE_DIMENSION).asText()).isEqualTo("orderflow");
    });
  }

  @Test
  void aRunThatCouldNotHandleAnOrderFailsAfterCountingIt() throws IOException {
    Map<String, Object> event = scheduledEvent();
    steps.paid();
    steps.clock.advance(Duration.ofMinutes(30));
    FulfillmentExecutions throttled = new FulfillmentExecutions() {
      @Override
      public Optional<Execution> describe(String orderId) {
        throw new IllegalStateException("Rate exceeded");
      }

      @Override
      public boolean redrive(String orderId, String clientToken) {
        throw new AssertionError("not reached");
      }
    };

    assertThatThrownBy(() -> handler(throttled).handleRequest(event, null))
        .isInstanceOf(SweepStrandedOrdersHandler.SweepIncomplete.class)
        .hasMessageContaining("1 of 1");
    assertThat(emf).singleElement().satisfies(line ->
        assertThat(Json.read(line, JsonNode.class).get(Metrics.SWEEP_FAILURES).asInt()).isEqualTo(1));
  }
}
