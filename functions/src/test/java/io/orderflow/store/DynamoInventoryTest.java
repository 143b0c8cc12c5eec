package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.platform.Table;
import io.orderflow.reserve.Inventory;
import io.orderflow.reserve.Inventory.StockLevel;
import io.orderflow.reserve.OutOfStock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalAws.Extension.class)
class DynamoInventoryTest {

  private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");

  private final LocalAws aws;
  private final Inventory inventory;

  DynamoInventoryTest(LocalAws aws) {
    this.aws = aws;
    this.inventory = aws.adapters().inventory();
  }

  @Test
  void fiftyConcurrentBuyersOfTenUnitsNeverOversell() throws Exception {
    String sku = sku();
    inventory.setAvailable(sku, 10);
    AtomicInteger lowestSeen = new AtomicInteger(Integer.MAX_VALUE);
    AtomicBoolean buying = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(51);
    try {
      // Watches the counters while the buyers race: neither may ever dip below zero.
      Future<?> watcher = pool.submit(() -> {
        while (buying.get()) {
          StockLevel level = inventory.level(sku);
          lowestSeen.accumulateAndGet(Math.min(level.available(), level.reserved()), Math::min);
        }
      });
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> buyers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String orderId = "order-" + i + "-" + sku;
        buyers.add(pool.submit(() -> {
          start.await();
          try {
            inventory.reserve(orderId, Map.of(sku, 1), EXPIRES);
            return true;
          } catch (OutOfStock e) {
            assertThat(e.skus()).containsExactly(sku);
            return false;
          }
        }));
      }
      start.countDown();
      int reserved = 0;
      for (Future<Boolean> buyer : buyers) {
        reserved += buyer.get(60, TimeUnit.SECONDS) ? 1 : 0;
      }
      buying.set(false);
      watcher.get(10, TimeUnit.SECONDS);

      assertThat(reserved).isEqualTo(10);
      assertThat(inventory.level(sku)).isEqualTo(new StockLevel(sku, 0, 10));
      assertThat(lowestSeen.get()).isGreaterThanOrEqualTo(0);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anOrderWithOneShortLineReservesNothing() {
    String plenty = sku();
    String scarce = sku();
    String unstocked = sku();
    inventory.setAvailable(plenty, 10);
    inventory.setAvailable(scarce, 1);

    assertThatThrownBy(() -> inventory.reserve("order-" + plenty, ordered(plenty, 3, scarce, 2), EXPIRES))
        .isInstanceOfSatisfying(OutOfStock.class, e -> assertThat(e.skus()).containsExactly(scarce));
    assertThatThrownBy(() -> inventory.reserve("order-" + unstocked, ordered(plenty, 1, unstocked, 1), EXPIRES))
        .isInstanceOfSatisfying(OutOfStock.class, e -> assertThat(e.skus()).containsExactly(unstocked));

    assertThat(inventory.level(plenty)).isEqualTo(new StockLevel(plenty, 10, 0));
    assertThat(inventory.level(scarce)).isEqualTo(new StockLevel(scarce, 1, 0));
    assertThat(inventory.release("order-" + plenty, List.of(plenty, scarce))).isFalse();
  }

  @Test
  void reservingTwiceForTheSameOrderReservesOnceAndKeepsTheTtl() {
    String first = sku();
    String second = sku();
    inventory.setAvailable(first, 5);
    inventory.setAvailable(second, 5);
    String orderId = "order-" + first;

    inventory.reserve(orderId, ordered(first, 2, second, 1), EXPIRES);
    inventory.reserve(orderId, ordered(first, 2, second, 1), EXPIRES);

    assertThat(inventory.level(first)).isEqualTo(new StockLevel(first, 3, 2));
    assertThat(inventory.level(second)).isEqualTo(new StockLevel(second, 4, 1));
    Map<String, AttributeValue> reservation = aws.dynamo.getItem(b -> b.tableName(aws.names.tableName(Table.INVENTORY))
        .key(Map.of("pk", AttributeValue.fromS("SKU#" + first), "sk", AttributeValue.fromS("RESERVATION#" + orderId)))).item();
    assertThat(reservation.get("quantity").n()).isEqualTo("2");
    assertThat(reservation.get("expiresAt").n()).isEqualTo(String.valueOf(EXPIRES.getEpochSecond()));
  }

  @Test
  void releasingTwiceReleasesOnce() {
    String sku = sku();
    inventory.setAvailable(sku, 5);
    inventory.reserve("order-a-" + sku, Map.of(sku, 2), EXPIRES);
    inventory.reserve("order-b-" + sku, Map.of(sku, 1), EXPIRES);

    assertThat(inventory.release("order-a-" + sku, List.of(sku, sku))).isTrue();
    assertThat(inventory.release("order-a-" + sku, List.of(sku))).isFalse();

    assertThat(inventory.level(sku)).isEqualTo(new StockLevel(sku, 4, 1));
  }

  @Test
  void concurrentReleasesOfOneOrderReleaseOnce() throws Exception {
    String sku = sku();
    inventory.setAvailable(sku, 5);
    inventory.reserve("order-" + sku, Map.of(sku, 3), EXPIRES);

    List<Boolean> outcomes = concurrently(8, () -> inventory.release("order-" + sku, List.of(sku)));

    assertThat(outcomes).containsOnlyOnce(true);
    assertThat(inventory.level(sku)).isEqualTo(new StockLevel(sku, 5, 0));
  }

  @Test
  void aReservationTheTtlDeletedGoesBackOnSaleOnceAndNothingElseCanSettleIt() throws Exception {
    String sku = sku();
    inventory.setAvailable(sku, 5);
    inventory.reserve("order-" + sku, Map.of(sku, 2), EXPIRES);
    // What DynamoDB does at the TTL: the item goes, the counters stay.
    aws.dynamo.deleteItem(b -> b.tableName(aws.names.tableName(Table.INVENTORY)).key(Map.of(
        "pk", AttributeValue.fromS("SKU#" + sku), "sk", AttributeValue.fromS("RESERVATION#order-" + sku))));
    assertThat(inventory.level(sku)).isEqualTo(new StockLevel(sku, 3, 2));

    List<Boolean> deliveries = concurrently(4, () -> inventory.returnExpired("order-" + sku, sku, 2));

    assertThat(deliveries).containsOnlyOnce(true);
    assertThat(inventory.level(sku)).isEqualTo(new StockLevel(sku, 5, 0));
    // The workflow, had it woken up, finds nothing left to settle.
    assertThat(inventory.release("order-" + sku, List.of(sku))).isFalse();
    assertThat(inventory.commit("order-" + sku, List.of(sku))).isFalse();
    assertThat(inventory.level(sku)).isEqualTo(new StockLevel(sku, 5, 0));
  }

  @Test
  void commitMovesTheUnitsFromReservedToShippedOnce() {
    String sku = sku();
    inventory.setAvailable(sku, 5);
    inventory.reserve("order-" + sku, Map.of(sku, 2), EXPIRES);

    assertThat(inventory.commit("order-" + sku, List.of(sku))).isTrue();
    assertThat(inventory.commit("order-" + sku, List.of(sku))).isFalse();
    assertThat(inventory.release("order-" + sku, List.of(sku))).isFalse();

    assertThat(inventory.level(sku)).isEqualTo(new StockLevel(sku, 3, 0, 2));
  }

  @Test
  void anOrderOfMoreThanFiftySkusIsStillAllOrNothing() {
    String prefix = sku();
    Map<String, Integer> quantities = new LinkedHashMap<>();
    IntStream.range(0, 60).forEach(i -> quantities.put(prefix + "-" + String.format("%02d", i), 1));
    quantities.keySet().forEach(sku -> inventory.setAvailable(sku, 1));
    // Sorted last, so the short SKUs fall into the second transaction, after the first reserved.
    String shortInSecondChunk = prefix + "-58";
    inventory.setAvailable(shortInSecondChunk, 0);
    String alsoShort = prefix + "-59";
    inventory.setAvailable(alsoShort, 0);

    assertThatThrownBy(() -> inventory.reserve("order-" + prefix, quantities, EXPIRES))
        .isInstanceOfSatisfying(OutOfStock.class, e -> assertThat(e.skus()).containsExactly(shortInSecondChunk, alsoShort));
    assertThat(quantities.keySet()).allSatisfy(sku ->
        assertThat(inventory.level(sku).reserved()).as(sku).isZero());

    inventory.restock(shortInSecondChunk, 1);
    inventory.restock(alsoShort, 1);
    inventory.reserve("order-" + prefix, quantities, EXPIRES);
    assertThat(quantities.keySet()).allSatisfy(sku ->
        assertThat(inventory.level(sku)).as(sku).isEqualTo(new StockLevel(sku, 0, 1)));
  }

  @Test
  void opsSetAndRestockStock() {
    String sku = sku();
    assertThat(inventory.level(sku)).isEqualTo(new StockLevel(sku, 0, 0));

    assertThat(inventory.restock(sku, 3)).isEqualTo(new StockLevel(sku, 3, 0));
    inventory.reserve("order-" + sku, Map.of(sku, 2), EXPIRES);
    assertThat(inventory.restock(sku, 4)).isEqualTo(new StockLevel(sku, 5, 2));
    assertThat(inventory.setAvailable(sku, 7)).isEqualTo(new StockLevel(sku, 7, 2));
    assertThatThrownBy(() -> inventory.setAvailable(sku, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<String, Integer> ordered(String firstSku, int first, String secondSku, int second) {
    Map<String, Integer> quantities = new LinkedHashMap<>();
    quantities.put(firstSku, first);
    quantities.put(secondSku, second);
    return quantities;
  }

  private static String sku() {
    return "SKU-" + UUID.randomUUID();
  }

  static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
