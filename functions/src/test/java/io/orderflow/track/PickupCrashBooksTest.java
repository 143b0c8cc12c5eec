package io.orderflow.track;

import static io.orderflow.testing.FulfillmentFixture.ORDER_ID;
import static io.orderflow.testing.FulfillmentFixture.TRACKING_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.order.OrderStatus;
import io.orderflow.reserve.HoldLimit;
import io.orderflow.reserve.Inventory;
import io.orderflow.reserve.Inventory.StockLevel;
import io.orderflow.testing.FulfillmentFixture;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pickup scan moves the order (out of DISPATCHED) and its stock (reserved → shipped). A crash
 * can land between the two writes; whichever way it lands, a shipped unit must never still count
 * as reserved, where the reservation's TTL would later put it back on sale.
 */
class PickupCrashBooksTest {

  private static final int RECEIVED = 10;

  private final FulfillmentFixture fixture = new FulfillmentFixture();
  private boolean killedAtTheCommit = true;

  /** The fixture's stock, except that the JVM is killed the first time the pickup commits it. */
  private final Inventory crashing = new Inventory() {
    @Override
    public void reserve(
        String orderId, String customerId, Map<String, Integer> quantities, Instant expiresAt, HoldLimit limit) {
      fixture.inventory.reserve(orderId, customerId, quantities, expiresAt, limit);
    }

    @Override
    public Map<String, Integer> held(String customerId, Collection<String> skus) {
      return fixture.inventory.held(customerId, skus);
    }

    @Override
    public boolean release(String orderId, Iterable<String> skus) {
      return fixture.inventory.release(orderId, skus);
    }

    @Override
    public boolean commit(String orderId, Iterable<String> skus) {
      if (killedAtTheCommit) {
        killedAtTheCommit = false;
        throw new IllegalStateException("kill -9");
      }
      return fixture.inventory.commit(orderId, skus);
    }

    @Override
    public boolean returnExpired(String orderId, String customerId, String sku, int quantity) {
      return fixture.inventory.returnExpired(orderId, customerId, sku, quantity);
    }

    @Override
    public StockLevel level(String sku) {
      return fixture.inventory.level(sku);
    }

    @Override
    public StockLevel setAvailable(String sku, int available) {
      return fixture.inventory.setAvailable(sku, available);
    }

    @Override
    public StockLevel restock(String sku, int quantity) {
      return fixture.inventory.restock(sku, quantity);
    }
  };

  private final TrackingService tracking =
      new TrackingService(fixture.orders, crashing, fixture.callbacks, fixture.idempotency, fixture.clock);

  @Test
  void aCrashAtThePickupNeverLeavesShippedUnitsCountedAsReserved() {
    fixture.seedBeforeTheSampleScans(OrderStatus.PAID);
    fixture.dispatch().dispatch(ORDER_ID, "pickup-token");
    CarrierEvent pickup = new CarrierEvent("evt-1", TRACKING_NUMBER, CarrierStatus.PICKED_UP,
        Instant.parse("2026-11-25T02:00:00Z"), "Springfield, IL", null);

    assertThatThrownBy(() -> tracking.record("simcarrier", pickup)).hasMessage("kill -9");
    assertBooksAgreeWithTheOrder();

    // After the restart the Dispatch state runs again with a new token, and the carrier reports
    // the pickup again (its request came again, or it retried the unanswered webhook).
    fixture.dispatch().dispatch(ORDER_ID, "pickup-token-2");
    assertBooksAgreeWithTheOrder();
    tracking.record("simcarrier", pickup);

    assertThat(fixture.order().status()).isEqualTo(OrderStatus.IN_TRANSIT);
    assertBooksAgreeWithTheOrder();
    assertThat(fixture.inventory.hasReservation(ORDER_ID)).as("nothing left for the TTL to give back").isFalse();
    assertThat(fixture.inventory.level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 8, 0, 2));
  }

  /** Units of an order the carrier has are shipped, never reserved; the books add up to what came in. */
  private void assertBooksAgreeWithTheOrder() {
    boolean carrierHasIt = fixture.order().status() != OrderStatus.DISPATCHED;
    for (Map.Entry<String, Integer> line : fixture.order().quantitiesBySku().entrySet()) {
      StockLevel level = fixture.inventory.level(line.getKey());
      assertThat(level.available() + level.reserved() + level.shipped()).as(line.getKey()).isEqualTo(RECEIVED);
      if (carrierHasIt) {
        assertThat(level.reserved()).as("%s reserved while the carrier has the parcel", line.getKey()).isZero();
        assertThat(level.shipped()).as(line.getKey()).isEqualTo(line.getValue());
      }
    }
  }
}
