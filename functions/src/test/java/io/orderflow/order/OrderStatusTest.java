package io.orderflow.order;

import static io.orderflow.order.OrderStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OrderStatusTest {

  @Test
  void theHappyPathIsAChainOfLegalSteps() {
    List<OrderStatus> path = List.of(PENDING, VALIDATED, RESERVED, PAID, DISPATCHED, IN_TRANSIT, DELIVERED, COMPLETED);
    for (int i = 0; i + 1 < path.size(); i++) {
      assertThat(path.get(i).canMoveTo(path.get(i + 1))).as(path.get(i) + " -> " + path.get(i + 1)).isTrue();
    }
  }

  @Test
  void endStatesGoNowhere() {
    for (OrderStatus end : List.of(COMPLETED, REJECTED, CANCELLED)) {
      assertThat(end.isFinal()).isTrue();
      assertThat(end.next()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(OrderStatus.class)
  void noStatusMovesBackwardsOrToItself(OrderStatus status) {
    assertThat(status.canMoveTo(status)).isFalse();
    assertThat(status.canMoveTo(PENDING)).isFalse();
  }

  @Test
  void onlyOrdersThatHaveNotLeftTheWarehouseCanBeCancelledByTheCustomer() {
    EnumSet<OrderStatus> cancellable = EnumSet.noneOf(OrderStatus.class);
    for (OrderStatus status : values()) {
      if (status.isCancellable()) {
        cancellable.add(status);
        assertThat(status.canMoveTo(CANCELLED)).isTrue();
      }
    }
    assertThat(cancellable).containsExactlyInAnyOrder(PENDING, VALIDATED, RESERVED, ON_HOLD, PAID);
  }

  @Test
  void deliveryExceptionsComeOnlyFromTheCarrierLeg() {
    for (OrderStatus status : values()) {
      assertThat(status.canMoveTo(DELIVERY_EXCEPTION)).isEqualTo(status == DISPATCHED || status == IN_TRANSIT);
    }
  }
}
