package io.orderflow.store;

import static io.orderflow.store.DynamoInventoryTest.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.platform.Table;
import io.orderflow.reserve.Inventory;
import io.orderflow.reserve.Inventory.StockLevel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The stock books of one SKU on DynamoDB Local, through the interleavings a crash or a race can
 * produce: a reservation retried after a crash, a release racing a commit, a TTL expiry racing
 * both, commits and releases repeated by retried steps. After each, available + reserved + shipped
 * is what was received, and reserved is exactly what the live reservations hold.
 */
@ExtendWith(LocalAws.Extension.class)
class StockBooksTest {

  private static final Instant EXPIRES = Instant.parse("2030-01-01T00:00:00Z");
  private static final int RECEIVED = 40;

  private final LocalAws aws;
  private final Inventory inventory;
  private final String sku = "SKU-BOOKS-" + UUID.randomUUID();

  StockBooksTest(LocalAws aws) {
    this.aws = aws;
    this.inventory = aws.adapters().inventory();
  }

  @Test
  void theBooksBalanceThroughEveryInterleavingOfReserveReleaseCommitExpiryAndRetry() throws Exception {
    inventory.setAvailable(sku, RECEIVED);

    // A reservation retried after a crash (the first attempt committed, its answer was lost).
    inventory.reserve("o-retried", Map.of(sku, 3), EXPIRES);
    inventory.reserve("o-retried", Map.of(sku, 3), EXPIRES);
    assertBalanced();

    // A release (the customer's cancel, or the workflow's compensation) racing the pickup's commit.
    inventory.reserve("o-race", Map.of(sku, 4), EXPIRES);
    AtomicInteger turn = new AtomicInteger();
    List<Boolean> settled = concurrently(6, () -> turn.getAndIncrement() % 2 == 0
        ? inventory.release("o-race", List.of(sku))
        : inventory.commit("o-race", List.of(sku)));
    assertThat(settled).containsOnlyOnce(true);
    assertBalanced();

    // The TTL deletes a reservation while the workflow, woken up, releases and commits it, and the
    // stream delivers the deletion more than once.
    inventory.reserve("o-expired", Map.of(sku, 5), EXPIRES);
    ttlDeletes("o-expired");
    AtomicInteger racer = new AtomicInteger();
    List<Boolean> outcomes = concurrently(6, () -> switch (racer.getAndIncrement() % 3) {
      case 0 -> inventory.returnExpired("o-expired", sku, 5);
      case 1 -> inventory.release("o-expired", List.of(sku));
      default -> inventory.commit("o-expired", List.of(sku));
    });
    assertThat(outcomes).containsOnlyOnce(true);
    assertBalanced();

    // Steps retried after a crash: the commit and the release run again; the stream replays the
    // expiry after a restart (it is read from its oldest record again).
    assertThat(inventory.commit("o-retried", List.of(sku))).isTrue();
    assertThat(inventory.commit("o-retried", List.of(sku))).isFalse();
    assertThat(inventory.release("o-retried", List.of(sku))).isFalse();
    assertThat(inventory.returnExpired("o-expired", sku, 5)).isFalse();
    assertBalanced();

    StockLevel level = inventory.level(sku);
    assertThat(level.reserved()).isZero();
    assertThat(level.shipped()).as("o-retried, and o-race if its commit won").isIn(3, 7);
  }

  /** What DynamoDB does at a reservation's TTL: the item goes, the counters stay. */
  private void ttlDeletes(String orderId) {
    aws.dynamo.deleteItem(b -> b.tableName(aws.names.tableName(Table.INVENTORY)).key(Map.of(
        "pk", AttributeValue.fromS("SKU#" + sku), "sk", AttributeValue.fromS(Table.RESERVATION_PREFIX + orderId))));
  }

  private void assertBalanced() {
    StockLevel level = inventory.level(sku);
    assertThat(level.available()).isNotNegative();
    assertThat(level.reserved()).isNotNegative();
    assertThat(level.available() + level.reserved() + level.shipped()).as("%s", level).isEqualTo(RECEIVED);
    long live = aws.dynamo.query(b -> b.tableName(aws.names.tableName(Table.INVENTORY))
            .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
            .expressionAttributeValues(Map.of(
                ":pk", AttributeValue.fromS("SKU#" + sku), ":prefix", AttributeValue.fromS(Table.RESERVATION_PREFIX)))
            .consistentRead(true))
        .items().stream()
        .mapToLong(item -> Long.parseLong(item.get("quantity").n()))
        .sum();
    assertThat(level.reserved()).as("reserved counts exactly the live reservations").isEqualTo(live);
  }
}
