package io.orderflow.track;

import static io.orderflow.testing.FulfillmentFixture.ORDER_ID;
import static io.orderflow.testing.FulfillmentFixture.TRACKING_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.order.OrderStatus;
import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.reserve.Inventory.StockLevel;
import io.orderflow.testing.FulfillmentFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A carrier retries an event when our answer was a 5xx. If the first attempt recorded the scan
 * but could not resume the workflow, the retry must resume it, or the order would sit until the
 * pickup deadline cancels a parcel that is on its way.
 */
class TrackingRetryTest {

  private final FulfillmentFixture fixture = new FulfillmentFixture();
  private final List<String> resumed = new ArrayList<>();
  private boolean stepFunctionsDown = true;

  private final WorkflowCallbacks flakyStepFunctions = new WorkflowCallbacks() {
    @Override
    public boolean resume(String taskToken, Object output) {
      if (stepFunctionsDown) {
        throw new IllegalStateException("Step Functions unavailable");
      }
      resumed.add(taskToken);
      return true;
    }

    @Override
    public boolean fail(String taskToken, String error, String cause) {
      return resume(taskToken, error);
    }
  };

  private final TrackingService tracking = new TrackingService(
      fixture.orders, fixture.inventory, flakyStepFunctions, fixture.idempotency, fixture.clock);

  @Test
  void aRetriedPickupResumesTheWorkflowTheFirstAttemptCouldNotReach() {
    fixture.seedBeforeTheSampleScans(OrderStatus.PAID);
    fixture.dispatch().dispatch(ORDER_ID, "pickup-token");
    CarrierEvent pickup = new CarrierEvent("evt-1", TRACKING_NUMBER, CarrierStatus.PICKED_UP,
        Instant.parse("2026-11-25T02:00:00Z"), "Springfield, IL", null);

    assertThatThrownBy(() -> tracking.record("simcarrier", pickup)).hasMessageContaining("unavailable");
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.IN_TRANSIT);

    stepFunctionsDown = false;
    TrackingService.Outcome retry = tracking.record("simcarrier", pickup);

    assertThat(retry.receipt().status()).isEqualTo(OrderStatus.IN_TRANSIT);
    assertThat(resumed).containsExactly("pickup-token");
    assertThat(fixture.inventory.level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 8, 0, 2));
    assertThat(fixture.timeline().stream().filter(e -> e.type().equals("PICKED_UP"))).hasSize(1);
  }

  @Test
  void aRetriedDeliveryResumesTheDeliveryWait() {
    fixture.seedBeforeTheSampleScans(OrderStatus.IN_TRANSIT);
    fixture.park(io.orderflow.order.Order.AwaitedEvent.Kind.DELIVERY, "delivery-token");
    CarrierEvent delivered = new CarrierEvent("evt-9", TRACKING_NUMBER, CarrierStatus.DELIVERED,
        Instant.parse("2026-11-25T02:00:00Z"), "Springfield, IL", null);

    assertThatThrownBy(() -> tracking.record("simcarrier", delivered)).isInstanceOf(IllegalStateException.class);
    stepFunctionsDown = false;
    tracking.record("simcarrier", delivered);

    assertThat(fixture.order().status()).isEqualTo(OrderStatus.DELIVERED);
    assertThat(resumed).containsExactly("delivery-token");
  }
}
