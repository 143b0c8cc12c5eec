package io.orderflow.store;

import static io.orderflow.store.DynamoInventoryTest.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.platform.Table;
import io.orderflow.reserve.HoldLimit;
import io.orderflow.reserve.HoldLimitReached;
import io.orderflow.reserve.Inventory;
import io.orderflow.reserve.OutOfStock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A customer's held units per SKU on DynamoDB Local: the limit holds under concurrent reservations,
 * and whichever path ends a reservation (release, commit, TTL expiry) takes its units off the
 * count exactly once, however often it is repeated.
 */
@ExtendWith(LocalAws.Extension.class)
class HeldStockTest {

  private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");
  private static final HoldLimit LIMIT = new HoldLimit(20);

  private final LocalAws aws;
  private final Inventory inventory;
  private final String sku = "SKU-HELD-" + UUID.randomUUID();
  private final String hoarder = "c-hoarder-" + UUID.randomUUID();
  private final String other = "c-other-" + UUID.randomUUID();

  HeldStockTest(LocalAws aws) {
    this.aws = aws;
    this.inventory = aws.adapters().inventory();
  }

  @Test
  void thirtyConcurrentReservationsOfOneUnitByOneCustomerStopAtTheLimitOfTwenty() throws Exception {
    inventory.setAvailable(sku, 100);
    AtomicInteger orderNumber = new AtomicInteger();

    List<String> outcomes = concurrently(30, () -> {
      try {
        inventory.reserve("o-" + orderNumber.incrementAndGet() + "-" + sku, hoarder, Map.of(sku, 1), EXPIRES, LIMIT);
        return "RESERVED";
      } catch (HoldLimitReached e) {
        assertThat(e.skus()).containsExactly(sku);
        return "HOLD_LIMIT";
      }
    });

    assertThat(outcomes).filteredOn("RESERVED"::equals).hasSize(20);
    assertThat(outcomes).filteredOn("HOLD_LIMIT"::equals).hasSize(10);
    assertThat(inventory.held(hoarder, List.of(sku))).containsEntry(sku, 20);
    assertThat(inventory.level(sku).reserved()).isEqualTo(20);
    assertThat(inventory.level(sku).available()).isEqualTo(80);

    // Another customer is not affected by the hoarder's count.
    inventory.reserve("o-other-" + sku, other, Map.of(sku, 20), EXPIRES, LIMIT);
    assertThat(inventory.held(other, List.of(sku))).containsEntry(sku, 20);
    assertThat(inventory.held(hoarder, List.of(sku))).containsEntry(sku, 20);
  }

  @Test
  void anOrderOverTheLimitReservesNothingOfAnyOfItsSkus() {
    String second = sku + "-B";
    inventory.setAvailable(sku, 50);
    inventory.setAvailable(second, 50);
    inventory.reserve("o-first-" + sku, hoarder, Map.of(sku, 15), EXPIRES, LIMIT);

    assertThatThrownBy(() -> inventory.reserve("o-second-" + sku, hoarder, Map.of(sku, 6, second, 1), EXPIRES, LIMIT))
        .isInstanceOfSatisfying(HoldLimitReached.class, e -> assertThat(e.skus()).containsExactly(sku));
    assertThatThrownBy(() -> inventory.reserve("o-huge-" + sku, other, Map.of(sku, 21), EXPIRES, LIMIT))
        .isInstanceOf(HoldLimitReached.class);

    assertThat(inventory.level(second).reserved()).isZero();
    assertThat(inventory.held(hoarder, List.of(sku, second))).containsEntry(sku, 15).containsEntry(second, 0);
    assertThat(inventory.held(other, List.of(sku))).containsEntry(sku, 0);
    assertThat(inventory.level(sku).reserved()).isEqualTo(15);
  }

  @Test
  void shortStockIsReportedBeforeTheLimitSoTheOrderAsksForARestock() {
    inventory.setAvailable(sku, 3);
    inventory.reserve("o-first-" + sku, hoarder, Map.of(sku, 2), EXPIRES, new HoldLimit(2));

    assertThatThrownBy(() -> inventory.reserve("o-second-" + sku, hoarder, Map.of(sku, 5), EXPIRES, new HoldLimit(2)))
        .isInstanceOf(OutOfStock.class);
    assertThat(inventory.held(hoarder, List.of(sku))).containsEntry(sku, 2);
  }

  @Test
  void releaseCommitAndExpiryEachTakeTheUnitsOffTheCountExactlyOnceEvenWhenRepeated() throws Exception {
    inventory.setAvailable(sku, 40);
    inventory.reserve("o-released-" + sku, hoarder, Map.of(sku, 3), EXPIRES, LIMIT);
    inventory.reserve("o-committed-" + sku, hoarder, Map.of(sku, 4), EXPIRES, LIMIT);
    inventory.reserve("o-expired-" + sku, hoarder, Map.of(sku, 5), EXPIRES, LIMIT);
    // A retried reserve finds its reservation and counts nothing twice.
    inventory.reserve("o-expired-" + sku, hoarder, Map.of(sku, 5), EXPIRES, LIMIT);
    assertThat(held()).isEqualTo(12);

    assertThat(concurrently(4, () -> inventory.release("o-released-" + sku, List.of(sku)))).containsOnlyOnce(true);
    assertThat(held()).isEqualTo(9);

    assertThat(concurrently(4, () -> inventory.commit("o-committed-" + sku, List.of(sku)))).containsOnlyOnce(true);
    assertThat(inventory.release("o-committed-" + sku, List.of(sku))).isFalse();
    assertThat(held()).isEqualTo(5);

    ttlDeletes("o-expired-" + sku);
    assertThat(concurrently(4, () -> inventory.returnExpired("o-expired-" + sku, hoarder, sku, 5)))
        .containsOnlyOnce(true);
    assertThat(inventory.release("o-expired-" + sku, List.of(sku))).isFalse();
    assertThat(held()).isZero();

    assertThat(inventory.level(sku)).isEqualTo(new Inventory.StockLevel(sku, 36, 0, 4));
    // The whole limit is free again.
    inventory.reserve("o-again-" + sku, hoarder, Map.of(sku, 20), EXPIRES, LIMIT);
    assertThat(held()).isEqualTo(20);
  }

  @Test
  void aReservationMadeBeforeHoldsWereCountedTakesNothingOffAnyCount() {
    inventory.setAvailable(sku, 40);
    inventory.reserve("o-counted-" + sku, hoarder, Map.of(sku, 2), EXPIRES, LIMIT);
    inventory.reserve("o-old-" + sku, Map.of(sku, 7), EXPIRES);
    inventory.reserve("o-old-expiring-" + sku, Map.of(sku, 1), EXPIRES);

    assertThat(inventory.release("o-old-" + sku, List.of(sku))).isTrue();
    ttlDeletes("o-old-expiring-" + sku);
    assertThat(inventory.returnExpired("o-old-expiring-" + sku, sku, 1)).isTrue();

    assertThat(held()).isEqualTo(2);
    assertThat(inventory.level(sku)).isEqualTo(new Inventory.StockLevel(sku, 38, 2, 0));
  }

  private int held() {
    return inventory.held(hoarder, List.of(sku)).get(sku);
  }

  /** What DynamoDB does at a reservation's TTL: the item goes, the counters stay. */
  private void ttlDeletes(String orderId) {
    aws.dynamo.deleteItem(b -> b.tableName(aws.names.tableName(Table.INVENTORY)).key(Map.of(
        "pk", AttributeValue.fromS("SKU#" + sku), "sk", AttributeValue.fromS(Table.RESERVATION_PREFIX + orderId))));
  }
}
