package io.orderflow.validate;

import static io.orderflow.testing.OrderStepsFixture.ADDRESS;
import static io.orderflow.testing.OrderStepsFixture.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.order.Address;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.InvalidOrder;
import io.orderflow.order.Money;
import io.orderflow.order.Notification;
import io.orderflow.order.Order;
import io.orderflow.order.OrderCancelled;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.StatusReason;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Queue;
import io.orderflow.testing.OrderStepsFixture;
import io.orderflow.validate.OrderValidation.Validated;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderValidationTest {

  private final OrderStepsFixture fixture = new OrderStepsFixture();
  private final OrderValidation validation = fixture.validation();

  @Test
  void validatesPricesAndConfirmsTheOrderWithItsEta() {
    fixture.place("tok_visa");

    Validated result = validation.validate(ORDER_ID);

    // Ordered on Wednesday 2026-11-25, STANDARD: five business days, the weekend skipped.
    LocalDate eta = LocalDate.parse("2026-12-02");
    assertThat(result).isEqualTo(new Validated(ORDER_ID, OrderStatus.VALIDATED, eta));
    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.VALIDATED);
    assertThat(order.eta()).isEqualTo(eta);
    assertThat(order.lines()).extracting(OrderLine::unitPrice)
        .containsExactly(Money.of("29.90", "USD"), Money.of("12.50", "USD"));
    assertThat(order.total()).isEqualTo(Money.of("72.30", "USD"));
    assertThat(fixture.timelineTypes()).containsExactly("ORDER_PLACED", "ORDER_VALIDATED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class)).singleElement()
        .satisfies(n -> {
          assertThat(n.type()).isEqualTo("ORDER_CONFIRMED");
          assertThat(n.data()).containsEntry("orderNumber", ORDER_ID).containsEntry("eta", "2026-12-02");
        });
  }

  @Test
  void aRetryReturnsTheSameResultWithoutASecondEventOrNotification() {
    fixture.place("tok_visa");
    Validated first = validation.validate(ORDER_ID);
    long version = fixture.order().version();

    Validated again = validation.validate(ORDER_ID);

    assertThat(again).isEqualTo(first);
    assertThat(fixture.order().version()).isEqualTo(version);
    assertThat(fixture.timelineTypes()).containsExactly("ORDER_PLACED", "ORDER_VALIDATED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS)).hasSize(1);
  }

  @Test
  void anOrderAlreadyFurtherAlongIsReportedValidated() {
    fixture.reserved("tok_visa");

    assertThat(validation.validate(ORDER_ID).status()).isEqualTo(OrderStatus.VALIDATED);
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.RESERVED);
  }

  @Test
  void expressShipsInTwoBusinessDays() {
    Order order = Order.place(ORDER_ID, "c", List.of(new OrderLine("SKU-1", 1, null)), ADDRESS,
        new Order.PaymentMethod("card", "tok_visa"), Order.ShippingSpeed.EXPRESS, null, fixture.clock.instant());
    fixture.orders.create(order, List.of());

    assertThat(validation.validate(ORDER_ID).eta()).isEqualTo(LocalDate.parse("2026-11-27"));
  }

  @Test
  void keepsPricesTheApiSetAndTotalsExactly() {
    fixture.place("tok_visa", ADDRESS, List.of(
        new OrderLine("SKU-1", 3, Money.of("0.10", "USD")), new OrderLine("SKU-2", 7, null)));

    validation.validate(ORDER_ID);

    // 3 × 0.10 + 7 × 12.50, in decimal: no float drift.
    assertThat(fixture.order().total()).isEqualTo(Money.of("87.80", "USD"));
  }

  @Test
  void takesTheCurrencyOfTheCatalogWhenNoLineWasPriced() {
    fixture.catalog.put(new CatalogItem("SKU-JP", "Tea", Money.of("1200", "JPY"), true));
    fixture.place("tok_visa", ADDRESS, List.of(new OrderLine("SKU-JP", 3, null)));

    validation.validate(ORDER_ID);

    assertThat(fixture.order().total()).isEqualTo(Money.of("3600", "JPY"));
    assertThat(fixture.order().ledger().currency().getCurrencyCode()).isEqualTo("JPY");
  }

  @Test
  void rejectsUnknownSkus() {
    fixture.place("tok_visa", ADDRESS, List.of(new OrderLine("SKU-1", 1, null), new OrderLine("SKU-404", 1, null)));

    assertRejected(StatusReason.UNKNOWN_SKU, "SKU-404");
  }

  @Test
  void rejectsInactiveSkus() {
    fixture.catalog.put(new CatalogItem("SKU-OLD", "Discontinued", Money.of("5.00", "USD"), false));
    fixture.place("tok_visa", ADDRESS, List.of(new OrderLine("SKU-OLD", 1, null)));

    assertRejected(StatusReason.INACTIVE_SKU, "SKU-OLD");
  }

  @Test
  void rejectsLinesInDifferentCurrencies() {
    fixture.catalog.put(new CatalogItem("SKU-EU", "Kettle", Money.of("40.00", "EUR"), true));
    fixture.place("tok_visa", ADDRESS, List.of(new OrderLine("SKU-1", 1, null), new OrderLine("SKU-EU", 1, null)));

    assertRejected(StatusReason.MIXED_CURRENCY, "EUR");
  }

  @Test
  void rejectsAnUndeliverableAddress() {
    Address nowhere = new Address("Li Lei", "1 Main St", null, "Springfield", "IL", "ABC", "US", null);
    fixture.place("tok_visa", nowhere, List.of(new OrderLine("SKU-1", 1, null)));

    assertRejected(StatusReason.UNDELIVERABLE_ADDRESS, "ABC");
  }

  @Test
  void aRetriedRejectionThrowsAgainButRecordsOnce() {
    fixture.place("tok_visa", ADDRESS, List.of(new OrderLine("SKU-404", 1, null)));
    assertThatThrownBy(() -> validation.validate(ORDER_ID)).isInstanceOf(InvalidOrder.class);

    assertThatThrownBy(() -> validation.validate(ORDER_ID))
        .isInstanceOfSatisfying(InvalidOrder.class, e -> assertThat(e.reason()).isEqualTo(StatusReason.UNKNOWN_SKU));
    assertThat(fixture.timelineTypes()).containsExactly("ORDER_PLACED", "ORDER_REJECTED");
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS)).hasSize(1);
  }

  @Test
  void aCancelledOrderIsNotValidated() {
    Order placed = fixture.place("tok_visa");
    fixture.orders.update(placed.moveTo(OrderStatus.CANCELLED, StatusReason.CUSTOMER_CANCELLED, fixture.clock.instant()),
        List.of());

    assertThatThrownBy(() -> validation.validate(ORDER_ID)).isInstanceOf(OrderCancelled.class);
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS)).isEmpty();
  }

  private void assertRejected(StatusReason reason, String named) {
    assertThatThrownBy(() -> validation.validate(ORDER_ID))
        .isInstanceOfSatisfying(InvalidOrder.class, e -> {
          assertThat(e.reason()).isEqualTo(reason);
          assertThat(e.getMessage()).contains(named);
        });
    Order order = fixture.order();
    assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(order.statusReason()).isEqualTo(reason);
    TimelineEvent last = fixture.orders.timeline(ORDER_ID).get(1);
    assertThat(last.type()).isEqualTo("ORDER_REJECTED");
    assertThat(last.detail()).containsEntry("reason", reason.name());
    assertThat(fixture.queues.messages(Queue.NOTIFICATIONS, Notification.class)).singleElement()
        .satisfies(n -> {
          assertThat(n.type()).isEqualTo("ORDER_REJECTED");
          assertThat(n.data()).containsEntry("reason", reason.name());
        });
  }
}
