package io.orderflow.reserve;

import static io.orderflow.testing.OrderStepsFixture.ADDRESS;
import static io.orderflow.testing.OrderStepsFixture.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.OrderCancelled;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Queue;
import io.orderflow.reserve.Inventory.StockLevel;
import io.orderflow.testing.OrderStepsFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReservationServiceTest {

  private final OrderStepsFixture fixture = new OrderStepsFixture();
  private final ReservationService reservations = fixture.reservations();

  @Test
  void reservesEveryLineAndMovesTheOrderToReserved() {
    validated();

    reservations.reserve(ORDER_ID);

    assertThat(fixture.order().status()).isEqualTo(OrderStatus.RESERVED);
    assertThat(fixture.inventory.level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 8, 2));
    assertThat(fixture.inventory.level("SKU-2")).isEqualTo(new StockLevel("SKU-2", 9, 1));
    TimelineEvent reserved = fixture.orders.timeline(ORDER_ID).get(2);
    assertThat(reserved.type()).isEqualTo("STOCK_RESERVED");
    assertThat(reserved.detail()).containsKey("quantities");
  }

  @Test
  void aReservationOutlivesTheLongestWaitForPickupWhateverItsConfiguredTtl() {
    validated();
    ReservationService shortLived = new ReservationService(
        fixture.orders, fixture.inventory, fixture.clock, Duration.ofHours(1));

    shortLived.reserve(ORDER_ID, Duration.ofDays(5));

    assertThat(fixture.inventory.expiresAt(ORDER_ID))
        .isEqualTo(fixture.clock.instant().plus(Duration.ofDays(5)).plus(ReservationService.PICKUP_MARGIN));
  }

  @Test
  void aLongerConfiguredTtlIsKept() {
    validated();

    reservations.reserve(ORDER_ID, Duration.ofHours(2));

    assertThat(fixture.inventory.expiresAt(ORDER_ID)).isEqualTo(fixture.clock.instant().plus(ReservationService.DEFAULT_TTL));
  }

  @Test
  void aRetryReservesNothingMoreAndRecordsOnce() {
    validated();
    reservations.reserve(ORDER_ID);

    reservations.reserve(ORDER_ID);

    assertThat(fixture.inventory.level("SKU-1").available()).isEqualTo(8);
    assertThat(fixture.timelineTypes()).containsExactly("ORDER_PLACED", "ORDER_VALIDATED", "STOCK_RESERVED");
  }

  @Test
  void shortStockCancelsTheOrderAndAsksForARestock() {
    fixture.inventory.setAvailable("SKU-2", 0);
    validated();

    assertThatThrownBy(() -> reservations.reserve(ORDER_ID))
        .isInstanceOfSatisfying(OutOfStock.class, e -> assertThat(e.skus()).containsExactly("SKU-2"));

    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.statusReason()).isEqualTo(StatusReason.OUT_OF_STOCK);
    assertThat(fixture.inventory.level("SKU-1").available()).as("all or nothing").isEqualTo(10);
    TimelineEvent outOfStock = fixture.orders.timeline(ORDER_ID).get(2);
    assertThat(outOfStock.type()).isEqualTo("OUT_OF_STOCK");
    assertThat(outOfStock.detail()).containsEntry("skus", List.of("SKU-2"));
    assertThat(fixture.queues.messages(Queue.RESTOCK_REQUESTS, RestockRequest.class))
        .containsExactly(new RestockRequest("SKU-2", 1, ORDER_ID, fixture.clock.instant()));
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .filteredOn(n -> n.type().equals("ORDER_CANCELLED")).singleElement()
        .satisfies(n -> assertThat(n.data()).containsEntry("reason", "OUT_OF_STOCK"));
  }

  @Test
  void aRetryAfterAShortageFailsTheSameWayWithoutAskingTwice() {
    fixture.inventory.setAvailable("SKU-1", 1);
    validated();
    assertThatThrownBy(() -> reservations.reserve(ORDER_ID)).isInstanceOf(OutOfStock.class);
    fixture.inventory.setAvailable("SKU-1", 10);

    assertThatThrownBy(() -> reservations.reserve(ORDER_ID))
        .isInstanceOfSatisfying(OutOfStock.class, e -> assertThat(e.skus()).containsExactly("SKU-1"));
    assertThat(fixture.queues.messages(Queue.RESTOCK_REQUESTS)).hasSize(1);
    assertThat(fixture.timelineTypes()).containsOnlyOnce("OUT_OF_STOCK");
    assertThat(fixture.inventory.hasReservation(ORDER_ID)).isFalse();
  }

  @Test
  void aCustomerWhoWouldHoldTooManyUnitsIsCancelledForTheHoldLimitWithoutARestockAndARetryFailsTheSameWay() {
    ReservationService limited = new ReservationService(
        fixture.orders, fixture.inventory, fixture.clock, ReservationService.DEFAULT_TTL, new HoldLimit(2));
    // The customer's other open order already holds 1 of SKU-1; this one wants 2 more.
    fixture.inventory.reserve("o-other", OrderStepsFixture.CUSTOMER, Map.of("SKU-1", 1), null, new HoldLimit(2));
    validated();

    assertThatThrownBy(() -> limited.reserve(ORDER_ID))
        .isInstanceOfSatisfying(HoldLimitReached.class, e -> assertThat(e.skus()).containsExactly("SKU-1"));
    assertThatThrownBy(() -> limited.reserve(ORDER_ID))
        .isInstanceOfSatisfying(HoldLimitReached.class, e -> assertThat(e.skus()).containsExactly("SKU-1"));

    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(order.statusReason()).isEqualTo(StatusReason.HOLD_LIMIT);
    assertThat(fixture.inventory.hasReservation(ORDER_ID)).isFalse();
    assertThat(fixture.inventory.level("SKU-2")).as("all or nothing").isEqualTo(new StockLevel("SKU-2", 10, 0));
    assertThat(fixture.timelineTypes()).containsOnlyOnce("HOLD_LIMIT");
    assertThat(fixture.queues.messages(Queue.RESTOCK_REQUESTS)).isEmpty();
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class))
        .filteredOn(n -> n.type().equals("ORDER_CANCELLED")).singleElement()
        .satisfies(n -> assertThat(n.data()).containsEntry("reason", "HOLD_LIMIT"));
  }

  @Test
  void sumsLinesOfTheSameSkuAndNamesEveryShortOne() {
    fixture.place("tok_visa", ADDRESS, List.of(
        new OrderLine("SKU-1", 6, null), new OrderLine("SKU-1", 6, null), new OrderLine("SKU-2", 11, null)));
    fixture.validation().validate(ORDER_ID);

    assertThatThrownBy(() -> reservations.reserve(ORDER_ID))
        .isInstanceOfSatisfying(OutOfStock.class, e -> assertThat(e.skus()).containsExactlyInAnyOrder("SKU-1", "SKU-2"));
    assertThat(fixture.queues.messages(Queue.RESTOCK_REQUESTS, RestockRequest.class))
        .extracting(RestockRequest::sku, RestockRequest::requestedQuantity)
        .containsExactlyInAnyOrder(tuple("SKU-1", 12), tuple("SKU-2", 11));
  }

  @Test
  void aCancelledOrderReservesNothing() {
    Order validated = validated();
    fixture.orders.update(
        validated.moveTo(OrderStatus.CANCELLED, StatusReason.CUSTOMER_CANCELLED, fixture.clock.instant()), List.of());

    assertThatThrownBy(() -> reservations.reserve(ORDER_ID)).isInstanceOf(OrderCancelled.class);
    assertThat(fixture.inventory.hasReservation(ORDER_ID)).isFalse();
  }

  @Test
  void releasingGivesTheUnitsBackOnceWithOneEvent() {
    validated();
    reservations.reserve(ORDER_ID);

    assertThat(reservations.release(ORDER_ID)).isTrue();
    assertThat(reservations.release(ORDER_ID)).isFalse();

    assertThat(fixture.inventory.level("SKU-1")).isEqualTo(new StockLevel("SKU-1", 10, 0));
    assertThat(fixture.inventory.level("SKU-2")).isEqualTo(new StockLevel("SKU-2", 10, 0));
    assertThat(fixture.timelineTypes()).containsOnlyOnce("STOCK_RELEASED");
    assertThat(fixture.order().status()).as("release leaves the status to the workflow").isEqualTo(OrderStatus.RESERVED);
  }

  @Test
  void releasingAnOrderThatReservedNothingRecordsNothing() {
    validated();

    assertThat(reservations.release(ORDER_ID)).isFalse();
    assertThat(fixture.timelineTypes()).doesNotContain("STOCK_RELEASED");
  }

  private Order validated() {
    fixture.place("tok_visa");
    fixture.validation().validate(ORDER_ID);
    return fixture.order();
  }
}
