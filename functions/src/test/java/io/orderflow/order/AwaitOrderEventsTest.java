package io.orderflow.order;

import static io.orderflow.testing.FulfillmentFixture.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.order.AwaitOrderEvents.Outcome;
import io.orderflow.order.AwaitOrderEvents.Resumed;
import io.orderflow.order.Order.AwaitedEvent;
import io.orderflow.order.Order.AwaitedEvent.Kind;
import io.orderflow.testing.FulfillmentFixture;
import io.orderflow.testing.RecordingWorkflowCallbacks.Call;
import io.orderflow.track.DeliveryException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwaitOrderEventsTest {

  final FulfillmentFixture fixture = new FulfillmentFixture();
  final AwaitOrderEvents awaits = fixture.awaits();

  @Test
  void parksTheTokenWhileTheOrderWaitsInTheExpectedStatus() {
    fixture.seed(OrderStatus.IN_TRANSIT);

    assertThat(awaits.await(ORDER_ID, Kind.DELIVERY, "t-1")).isEqualTo(Outcome.PARKED);

    assertThat(fixture.order().awaiting()).isEqualTo(new AwaitedEvent(Kind.DELIVERY, "t-1"));
    assertThat(fixture.callbacks.calls()).isEmpty();
  }

  @Test
  void parksHoldReleaseAndReceiptTokensToo() {
    fixture.seed(OrderStatus.ON_HOLD);
    assertThat(awaits.await(ORDER_ID, Kind.HOLD_RELEASE, "t-hold")).isEqualTo(Outcome.PARKED);

    FulfillmentFixture delivered = new FulfillmentFixture();
    delivered.seed(OrderStatus.DELIVERED);
    assertThat(delivered.awaits().await(ORDER_ID, Kind.RECEIPT, "t-receipt")).isEqualTo(Outcome.PARKED);

    assertThat(fixture.order().awaiting().kind()).isEqualTo(Kind.HOLD_RELEASE);
    assertThat(delivered.order().awaiting().kind()).isEqualTo(Kind.RECEIPT);
  }

  @Test
  void anEventThatAlreadyHappenedResumesTheTokenAtOnce() {
    fixture.seed(OrderStatus.DELIVERED);

    assertThat(awaits.await(ORDER_ID, Kind.DELIVERY, "t-1")).isEqualTo(Outcome.RESUMED);

    assertThat(fixture.callbacks.calls())
        .containsExactly(new Call("t-1", true, new Resumed(ORDER_ID, OrderStatus.DELIVERED), null, null));
    assertThat(fixture.order().awaiting()).isNull();
  }

  @Test
  void aReleasedHoldAndAConfirmedReceiptResumeAtOnce() {
    fixture.seed(OrderStatus.PAID);
    FulfillmentFixture completed = new FulfillmentFixture();
    completed.seed(OrderStatus.COMPLETED);

    assertThat(awaits.await(ORDER_ID, Kind.HOLD_RELEASE, "t-hold")).isEqualTo(Outcome.RESUMED);
    assertThat(completed.awaits().await(ORDER_ID, Kind.RECEIPT, "t-receipt")).isEqualTo(Outcome.RESUMED);
    assertThat(completed.callbacks.calls()).extracting(Call::taskToken, Call::success)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("t-receipt", true));
  }

  @Test
  void aDeliveryExceptionFailsTheDeliveryTokenWithTheCarriersCode() {
    fixture.seed(OrderStatus.DELIVERY_EXCEPTION);

    assertThat(awaits.await(ORDER_ID, Kind.DELIVERY, "t-1")).isEqualTo(Outcome.FAILED);

    assertThat(AwaitOrderEvents.DELIVERY_EXCEPTION_ERROR).isEqualTo(DeliveryException.class.getName());
    assertThat(fixture.callbacks.calls())
        .containsExactly(new Call("t-1", false, null, DeliveryException.class.getName(), "LOST"));
  }

  @Test
  void aCancelledOrderFailsTheTokenWithOrderCancelled() {
    fixture.seed(OrderStatus.CANCELLED);

    assertThat(awaits.await(ORDER_ID, Kind.HOLD_RELEASE, "t-1")).isEqualTo(Outcome.FAILED);

    assertThat(fixture.callbacks.calls()).singleElement()
        .extracting(Call::taskToken, Call::success, Call::error)
        .containsExactly("t-1", false, OrderCancelled.class.getName());
  }

  @Test
  void aRetriedWaitReplacesTheTokenAndTheSameTokenWritesNothing() {
    fixture.seed(OrderStatus.IN_TRANSIT);
    awaits.await(ORDER_ID, Kind.DELIVERY, "t-1");
    awaits.await(ORDER_ID, Kind.DELIVERY, "t-2");
    long version = fixture.order().version();

    awaits.await(ORDER_ID, Kind.DELIVERY, "t-2");

    assertThat(fixture.order().awaiting().taskToken()).isEqualTo("t-2");
    assertThat(fixture.order().version()).isEqualTo(version);
  }

  @Test
  void anEventBetweenReadingAndParkingIsNotLost() {
    fixture.seed(OrderStatus.IN_TRANSIT);
    // The carrier's delivery lands after the wait read the order and before its write: the
    // conditional write loses, the wait re-reads, sees DELIVERED and resumes its own token.
    RacingOrders racing = new RacingOrders(fixture.orders, () -> {
      Order inTransit = fixture.order();
      fixture.orders.update(inTransit.moveTo(OrderStatus.DELIVERED, null, fixture.clock.instant()), List.of());
    });

    Outcome outcome = new AwaitOrderEvents(racing, fixture.callbacks, fixture.clock).await(ORDER_ID, Kind.DELIVERY, "t-1");

    assertThat(outcome).isEqualTo(Outcome.RESUMED);
    assertThat(fixture.order().awaiting()).isNull();
    assertThat(fixture.callbacks.calls()).extracting(Call::taskToken, Call::success)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("t-1", true));
  }

  @Test
  void theWorkflowCannotWaitForAnEventTheOrderIsNotReadyFor() {
    fixture.seed(OrderStatus.IN_TRANSIT);

    assertThatThrownBy(() -> awaits.await(ORDER_ID, Kind.RECEIPT, "t-1")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> awaits.await(ORDER_ID, Kind.PICKUP, "t-1")).isInstanceOf(IllegalArgumentException.class);
    assertThat(fixture.callbacks.calls()).isEmpty();
  }

  /** Orders where another writer gets in just before the next update. */
  static final class RacingOrders implements OrderRepository {

    private final OrderRepository orders;
    private Runnable intruder;

    RacingOrders(OrderRepository orders, Runnable intruder) {
      this.orders = orders;
      this.intruder = intruder;
    }

    @Override
    public void update(Order updated, List<TimelineEvent> events, List<Outgoing> outgoing) {
      if (intruder != null) {
        Runnable once = intruder;
        intruder = null;
        once.run();
      }
      orders.update(updated, events, outgoing);
    }

    @Override
    public boolean create(Order order, List<TimelineEvent> events, List<Outgoing> outgoing) {
      return orders.create(order, events, outgoing);
    }

    @Override
    public Optional<Order> find(String orderId) {
      return orders.find(orderId);
    }

    @Override
    public List<TimelineEvent> timeline(String orderId) {
      return orders.timeline(orderId);
    }

    @Override
    public Page<Order> findByCustomer(String customerId, int limit, String cursor) {
      return orders.findByCustomer(customerId, limit, cursor);
    }

    @Override
    public Page<Order> findByStatus(OrderStatus status, int limit, String cursor) {
      return orders.findByStatus(status, limit, cursor);
    }

    @Override
    public Optional<Order> findByTrackingNumber(String trackingNumber) {
      return orders.findByTrackingNumber(trackingNumber);
    }
  }
}
