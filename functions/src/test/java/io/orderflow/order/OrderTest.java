package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.order.Order.PaymentMethod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderTest {

  static final Instant T = Instant.parse("2026-11-23T10:00:00Z");
  static final Address ADDRESS =
      new Address("Li Lei", "1 Main St", null, "Springfield", "IL", "62701", "US", "+15555550100");

  static Order order(OrderLine... lines) {
    return Order.place("o-1", "c-1", List.of(lines), ADDRESS, new PaymentMethod("card", "tok_visa"), null, null, T);
  }

  @Test
  void aNewOrderIsPendingStandardAndPricedFromItsLines() {
    Order order = order(
        new OrderLine("SKU-1", 2, Money.of("29.90", "USD")),
        new OrderLine("SKU-2", 1, Money.of("5.00", "USD")));

    assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
    assertThat(order.shippingSpeed()).isEqualTo(Order.ShippingSpeed.STANDARD);
    assertThat(order.total()).isEqualTo(Money.of("64.80", "USD"));
    assertThat(order.version()).isEqualTo(1);
  }

  @Test
  void sumsQuantitiesOfTheSameSku() {
    Order order = order(
        new OrderLine("SKU-1", 2, Money.of("1.00", "USD")),
        new OrderLine("SKU-2", 1, Money.of("1.00", "USD")),
        new OrderLine("SKU-1", 3, Money.of("1.00", "USD")));

    assertThat(order.quantitiesBySku()).containsExactly(
        java.util.Map.entry("SKU-1", 5), java.util.Map.entry("SKU-2", 1));
  }

  @Test
  void unpricedLinesDoNotCountTowardsTheTotal() {
    Order order = order(new OrderLine("SKU-1", 1, Money.of("3.00", "USD")), new OrderLine("NOPE", 1, null));
    assertThat(order.total()).isEqualTo(Money.of("3.00", "USD"));
  }

  @Test
  void movesOnlyAlongLegalTransitionsAndBumpsTheVersion() {
    Order placed = order(new OrderLine("SKU-1", 1, Money.of("3.00", "USD")));
    Order validated = placed.moveTo(OrderStatus.VALIDATED, null, T.plusSeconds(1));

    assertThat(validated.version()).isEqualTo(placed.version() + 1);
    assertThat(validated.updatedAt()).isEqualTo(T.plusSeconds(1));
    assertThatThrownBy(() -> placed.moveTo(OrderStatus.DELIVERED, null, T))
        .isInstanceOf(IllegalTransition.class)
        .hasMessageContaining("cannot move from PENDING to DELIVERED");
  }

  @Test
  void aStatusChangeClearsTheParkedTaskTokenAndStampsDelivery() {
    Order inTransit = new Order("o", "c", OrderStatus.IN_TRANSIT, null,
        List.of(new OrderLine("S", 1, Money.of("1.00", "USD"))), ADDRESS, null, Order.ShippingSpeed.STANDARD,
        null, PaymentLedger.empty(java.util.Currency.getInstance("USD")), null, null, T, T, null,
        new Order.AwaitedEvent(Order.AwaitedEvent.Kind.DELIVERY, "token"), 4);

    Order delivered = inTransit.moveTo(OrderStatus.DELIVERED, null, T.plusSeconds(60));

    assertThat(delivered.awaiting()).isNull();
    assertThat(delivered.deliveredAt()).isEqualTo(T.plusSeconds(60));
  }

  @Test
  void refusesQuantitiesOutsideOneTo999() {
    assertThatThrownBy(() -> new OrderLine("S", 0, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OrderLine("S", 1000, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
