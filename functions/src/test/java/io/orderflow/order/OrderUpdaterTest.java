package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.order.OrderUpdater.Change;
import io.orderflow.order.OrderUpdater.OrderNotFound;
import io.orderflow.platform.Queue;
import io.orderflow.testing.InMemoryOrderRepository;
import io.orderflow.testing.RecordingQueuePublisher;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrderUpdaterTest {

  private final RecordingQueuePublisher relayed = new RecordingQueuePublisher();
  private final InMemoryOrderRepository orders = new InMemoryOrderRepository(relayed);
  private final OrderUpdater updater = new OrderUpdater(orders);
  private final Order placed = OrderTest.order(new OrderLine("SKU-1", 1, Money.of("3.00", "USD")));

  @Test
  void reappliesTheChangeWhenAnotherWriterWonTheRace() {
    orders.create(placed, List.of());
    AtomicInteger attempts = new AtomicInteger();

    Order result = updater.update(placed.orderId(), current -> {
      if (attempts.incrementAndGet() == 1) {
        // Another writer stores a newer version between our read and our write.
        orders.update(current.withEta(java.time.LocalDate.of(2026, 12, 1), current.updatedAt()), List.of());
      }
      return Change.to(current.moveTo(OrderStatus.VALIDATED, null, current.updatedAt()),
          TimelineEvent.of(current.updatedAt(), "ORDER_VALIDATED", OrderStatus.VALIDATED));
    });

    assertThat(attempts).hasValue(2);
    assertThat(result.status()).isEqualTo(OrderStatus.VALIDATED);
    assertThat(result.eta()).isEqualTo(java.time.LocalDate.of(2026, 12, 1));
    assertThat(orders.timeline(placed.orderId())).extracting(TimelineEvent::type).containsExactly("ORDER_VALIDATED");
  }

  @Test
  void whatAChangeSendsLeavesOnceWithTheAttemptThatWasStored() {
    orders.create(placed, List.of());
    AtomicInteger attempts = new AtomicInteger();

    updater.update(placed.orderId(), current -> {
      if (attempts.incrementAndGet() == 1) {
        orders.update(current.withEta(java.time.LocalDate.of(2026, 12, 1), current.updatedAt()), List.of());
      }
      return Change.to(current.moveTo(OrderStatus.VALIDATED, null, current.updatedAt()))
          .notifying(new Notification(current.orderId(), current.customerId(), "ORDER_CONFIRMED",
              java.util.Map.of("attempt", attempts.get())));
    });

    assertThat(relayed.messages(Queue.NOTIFICATIONS, Notification.class))
        .singleElement()
        .satisfies(sent -> assertThat(sent.data()).containsEntry("attempt", 2));
  }

  @Test
  void onlyAChangeCanSendSomething() {
    assertThatThrownBy(() -> Change.none(placed).notifying(
            new Notification(placed.orderId(), placed.customerId(), "ORDER_CONFIRMED", null)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void noChangeWritesNothing() {
    orders.create(placed, List.of());
    Order result = updater.update(placed.orderId(), Change::none);
    assertThat(result.version()).isEqualTo(placed.version());
  }

  @Test
  void unknownOrdersAreReported() {
    assertThatThrownBy(() -> updater.update("nope", Change::none)).isInstanceOf(OrderNotFound.class);
  }
}
