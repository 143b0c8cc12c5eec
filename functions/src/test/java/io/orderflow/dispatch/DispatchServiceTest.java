package io.orderflow.dispatch;

import static io.orderflow.testing.FulfillmentFixture.ORDER_ID;
import static io.orderflow.testing.FulfillmentFixture.TRACKING_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.dispatch.CarrierRequest.ParcelLine;
import io.orderflow.order.IllegalTransition;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.Order.AwaitedEvent;
import io.orderflow.order.OrderCancelled;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Shipment;
import io.orderflow.order.Shipment.PickItem;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Queue;
import io.orderflow.testing.FulfillmentFixture;
import io.orderflow.testing.RecordingWorkflowCallbacks.Call;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchServiceTest {

  final FulfillmentFixture fixture = new FulfillmentFixture();
  final DispatchService dispatch = fixture.dispatch();

  @Test
  void labelsTheParcelWithATrackingNumberDerivedFromTheOrder() {
    fixture.seed(OrderStatus.PAID);

    String trackingNumber = dispatch.dispatch(ORDER_ID, "token-1");

    Shipment shipment = fixture.order().shipment();
    assertThat(trackingNumber).matches("SIM[A-Z0-9]{12}").isEqualTo(TRACKING_NUMBER);
    assertThat(shipment.carrier()).isEqualTo("simcarrier");
    assertThat(shipment.trackingNumber()).isEqualTo(trackingNumber);
    assertThat(shipment.status()).isEqualTo("LABEL_CREATED");
    assertThat(shipment.eta()).isEqualTo(FulfillmentFixture.ETA);
  }

  @Test
  void picksEachSkuOnceWithItsCatalogNameAndBinAndPrintsThePackingSlip() {
    fixture.seed(OrderStatus.PAID);

    dispatch.dispatch(ORDER_ID, "token-1");

    Shipment shipment = fixture.order().shipment();
    assertThat(shipment.pickList()).extracting(PickItem::sku, PickItem::name, PickItem::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SKU-1", "Wireless Mouse", 2),
            org.assertj.core.groups.Tuple.tuple("SKU-2", "USB-C Cable 1m", 1));
    assertThat(shipment.pickList()).extracting(PickItem::location)
        .allMatch(location -> location.matches("A\\d{2}-S\\d{2}-B\\d"))
        .containsExactly(ShipmentPlanner.binLocation("SKU-1"), ShipmentPlanner.binLocation("SKU-2"));
    assertThat(shipment.packingSlip().orderId()).isEqualTo(ORDER_ID);
    assertThat(shipment.packingSlip().shipTo())
        .isEqualTo("Li Lei\n1 Main St\nApt 2\nSpringfield, IL 62701\nUS");
    assertThat(shipment.packingSlip().lines())
        .containsExactly("2 x Wireless Mouse (SKU-1)", "1 x USB-C Cable 1m (SKU-2)");
  }

  @Test
  void movesToDispatchedParksThePickupTokenAndTellsTheCustomer() {
    fixture.seed(OrderStatus.PAID);
    int before = fixture.timeline().size();

    dispatch.dispatch(ORDER_ID, "token-1");

    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.DISPATCHED);
    assertThat(order.awaiting()).isEqualTo(new AwaitedEvent(AwaitedEvent.Kind.PICKUP, "token-1"));
    TimelineEvent dispatched = fixture.timeline().get(before);
    assertThat(fixture.timelineTypesAfter(before)).containsExactly("ORDER_DISPATCHED");
    assertThat(dispatched.status()).isEqualTo(OrderStatus.DISPATCHED);
    assertThat(dispatched.detail()).containsEntry("trackingNumber", TRACKING_NUMBER);
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class)).singleElement()
        .satisfies(n -> {
          assertThat(n.type()).isEqualTo("ORDER_DISPATCHED");
          assertThat(n.customerId()).isEqualTo(FulfillmentFixture.CUSTOMER);
          assertThat(n.data()).containsEntry("trackingNumber", TRACKING_NUMBER);
        });
    assertThat(fixture.callbacks.calls()).isEmpty();
  }

  @Test
  void asksTheCarrierToCollectTheParcel() {
    fixture.seed(OrderStatus.PAID);

    dispatch.dispatch(ORDER_ID, "token-1");

    assertThat(fixture.queues.messages(Queue.CARRIER_REQUESTS, CarrierRequest.class)).singleElement()
        .isEqualTo(new CarrierRequest(
            ORDER_ID, "simcarrier", TRACKING_NUMBER, FulfillmentFixture.ADDRESS, Order.ShippingSpeed.EXPRESS,
            List.of(new ParcelLine("SKU-1", 2), new ParcelLine("SKU-2", 1)),
            Instant.parse(FulfillmentFixture.SIGNED_AT)));
  }

  @Test
  void aRetriedTaskKeepsTheParcelReplacesTheTokenAndAsksTheCarrierAgain() {
    fixture.seed(OrderStatus.PAID);
    int before = fixture.timeline().size();
    String first = dispatch.dispatch(ORDER_ID, "token-1");

    String second = dispatch.dispatch(ORDER_ID, "token-2");

    assertThat(second).isEqualTo(first);
    assertThat(fixture.order().awaiting().taskToken()).isEqualTo("token-2");
    assertThat(fixture.order().shipment().trackingNumber()).isEqualTo(first);
    assertThat(fixture.timelineTypesAfter(before)).containsExactly("ORDER_DISPATCHED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS)).hasSize(1);
    assertThat(fixture.queues.messages(Queue.CARRIER_REQUESTS, CarrierRequest.class))
        .extracting(CarrierRequest::trackingNumber).containsExactly(first, first);
  }

  @Test
  void theSameTokenAgainWritesNothing() {
    fixture.seed(OrderStatus.PAID);
    dispatch.dispatch(ORDER_ID, "token-1");
    long version = fixture.order().version();

    dispatch.dispatch(ORDER_ID, "token-1");

    assertThat(fixture.order().version()).isEqualTo(version);
  }

  @Test
  void aCancelledOrderIsNotDispatched() {
    fixture.seed(OrderStatus.CANCELLED);

    assertThatThrownBy(() -> dispatch.dispatch(ORDER_ID, "token-1")).isInstanceOf(OrderCancelled.class);

    assertThat(fixture.order().shipment()).isNull();
    assertThat(fixture.queues.messages(Queue.CARRIER_REQUESTS)).isEmpty();
  }

  @Test
  void aRetryAfterThePickupResumesItsTokenAtOnce() {
    fixture.seed(OrderStatus.IN_TRANSIT);

    dispatch.dispatch(ORDER_ID, "token-2");

    assertThat(fixture.callbacks.calls()).singleElement().satisfies(call -> {
      assertThat(call).extracting(Call::taskToken, Call::success).containsExactly("token-2", true);
      assertThat(call.output()).isInstanceOf(PickupConfirmation.class)
          .extracting("trackingNumber").isEqualTo(TRACKING_NUMBER);
    });
    assertThat(fixture.queues.messages(Queue.CARRIER_REQUESTS)).isEmpty();
  }

  @Test
  void anOrderThatWasNeverPaidCannotBeDispatched() {
    fixture.seed(OrderStatus.ON_HOLD);

    assertThatThrownBy(() -> dispatch.dispatch(ORDER_ID, "token-1")).isInstanceOf(IllegalTransition.class);
  }
}
