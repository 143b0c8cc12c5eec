package io.orderflow.order;

import static io.orderflow.testing.FulfillmentFixture.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.platform.Queue;
import io.orderflow.testing.FulfillmentFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderClosingTest {

  final FulfillmentFixture fixture = new FulfillmentFixture();
  final OrderClosing closing = fixture.closing();

  @Test
  void completesADeliveredOrderWithTheGivenReason() {
    fixture.seed(OrderStatus.DELIVERED);
    int before = fixture.timeline().size();

    Order closed = closing.close(ORDER_ID, OrderStatus.COMPLETED, StatusReason.AUTO_CONFIRMED);

    assertThat(closed.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(closed.statusReason()).isEqualTo(StatusReason.AUTO_CONFIRMED);
    assertThat(fixture.timelineTypesAfter(before)).containsExactly("ORDER_COMPLETED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class)).singleElement()
        .isEqualTo(new Notification(ORDER_ID, FulfillmentFixture.CUSTOMER, "ORDER_COMPLETED",
            Map.of("reason", "AUTO_CONFIRMED")));
  }

  @Test
  void parkingAnOrderAPersonMustFinishNamesWhatIsLeftUndoneOnce() {
    fixture.seed(OrderStatus.PAID);
    int before = fixture.timeline().size();

    Order parked = closing.park(ORDER_ID, StatusReason.COMPENSATION_FAILED, List.of("void"), "IllegalStateException");
    closing.park(ORDER_ID, StatusReason.COMPENSATION_FAILED, List.of("void"), "IllegalStateException");

    assertThat(parked.status()).isEqualTo(OrderStatus.NEEDS_ATTENTION);
    assertThat(parked.statusReason()).isEqualTo(StatusReason.COMPENSATION_FAILED);
    assertThat(fixture.timelineTypesAfter(before)).containsExactly("NEEDS_ATTENTION");
    assertThat(fixture.timeline().get(fixture.timeline().size() - 1).detail()).isEqualTo(Map.of(
        "reason", "COMPENSATION_FAILED", "pending", List.of("void"), "error", "IllegalStateException"));
    // Once a person has settled it, the order can still end.
    assertThat(closing.close(ORDER_ID, OrderStatus.CANCELLED, StatusReason.COMPENSATION_FAILED).status())
        .isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void parkingAnOrderThatAlreadyEndedKeepsItsStatusAndRecordsWhatIsLeft() {
    fixture.seed(OrderStatus.COMPLETED);
    int before = fixture.timeline().size();

    Order parked = closing.park(ORDER_ID, StatusReason.COMPENSATION_FAILED, List.of("complete"), null);
    closing.park(ORDER_ID, StatusReason.COMPENSATION_FAILED, List.of("complete"), null);

    assertThat(parked.status()).isEqualTo(OrderStatus.COMPLETED);
    assertThat(fixture.timelineTypesAfter(before)).containsExactly("NEEDS_ATTENTION");
  }

  @Test
  void anOrderAlreadyClosedStaysAsItIs() {
    fixture.seed(OrderStatus.COMPLETED);
    Order confirmed = fixture.order();

    Order closed = closing.close(ORDER_ID, OrderStatus.COMPLETED, StatusReason.AUTO_CONFIRMED);

    assertThat(closed).isEqualTo(confirmed);
    assertThat(closed.statusReason()).as("the customer confirmed first").isEqualTo(StatusReason.CUSTOMER_CONFIRMED);
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS)).isEmpty();
  }

  @Test
  void closingTwiceIsOneClose() {
    fixture.seed(OrderStatus.DISPATCHED);
    int before = fixture.timeline().size();

    closing.close(ORDER_ID, OrderStatus.CANCELLED, StatusReason.DISPATCH_FAILED);
    closing.close(ORDER_ID, OrderStatus.CANCELLED, StatusReason.DISPATCH_FAILED);

    assertThat(fixture.order().status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(fixture.order().statusReason()).isEqualTo(StatusReason.DISPATCH_FAILED);
    assertThat(fixture.timelineTypesAfter(before)).containsExactly("ORDER_CANCELLED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS)).hasSize(1);
  }

  @Test
  void aDeliveryExceptionIsCancelledKeepingTheCarriersCode() {
    fixture.seed(OrderStatus.DELIVERY_EXCEPTION);

    Order closed = closing.close(ORDER_ID, OrderStatus.CANCELLED, null);

    assertThat(closed.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(closed.statusReason()).isEqualTo(StatusReason.LOST);
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class)).singleElement()
        .extracting(Notification::type, Notification::data)
        .containsExactly("ORDER_CANCELLED", Map.of("reason", "LOST"));
  }

  @Test
  void aParcelThatNeverArrivedIsCancelledThroughADeliveryException() {
    fixture.seed(OrderStatus.IN_TRANSIT);
    int before = fixture.timeline().size();

    Order closed = closing.close(ORDER_ID, OrderStatus.CANCELLED, StatusReason.DELIVERY_TIMEOUT);

    assertThat(closed.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(closed.statusReason()).isEqualTo(StatusReason.DELIVERY_TIMEOUT);
    assertThat(closed.version()).as("one write").isEqualTo(fixture.order().version());
    assertThat(fixture.timelineTypesAfter(before)).containsExactly("DELIVERY_EXCEPTION", "ORDER_CANCELLED");
    assertThat(fixture.timeline().get(before).status()).isEqualTo(OrderStatus.DELIVERY_EXCEPTION);
    assertThat(fixture.timeline().get(before).detail()).containsEntry("reason", "DELIVERY_TIMEOUT");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .extracting(Notification::type).containsExactly("ORDER_CANCELLED");
  }

  @Test
  void aCancelledOrderIsNeverCompleted() {
    fixture.seed(OrderStatus.CANCELLED);

    assertThatThrownBy(() -> closing.close(ORDER_ID, OrderStatus.COMPLETED, StatusReason.AUTO_CONFIRMED))
        .isInstanceOf(OrderCancelled.class);
  }

  @Test
  void anUndeliveredOrderCannotBeCompleted() {
    fixture.seed(OrderStatus.IN_TRANSIT);

    assertThatThrownBy(() -> closing.close(ORDER_ID, OrderStatus.COMPLETED, StatusReason.AUTO_CONFIRMED))
        .isInstanceOf(IllegalTransition.class);
    assertThatThrownBy(() -> closing.close(ORDER_ID, OrderStatus.DELIVERED, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.IN_TRANSIT);
  }
}
