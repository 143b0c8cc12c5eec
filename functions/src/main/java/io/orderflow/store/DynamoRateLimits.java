package io.orderflow.store;

import static io.orderflow.store.Attributes.n;
import static io.orderflow.store.Attributes.s;

import io.orderflow.limits.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Fixed-window counters in the Idempotency table ({@code pk=RATE#<key>}, {@code
 * sk=WINDOW#<start epoch second>}): one conditional update counts a use only while the count is
 * below the limit, and the item expires (the table's TTL) a window after its own window ends.
 */
public final class DynamoRateLimits implements RateLimits {

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoRateLimits(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Optional<Duration> tryAcquire(String key, int limit, Duration window, Instant now) {
    Instant start = RateLimits.windowStart(now, window);
    try {
      dynamo.updateItem(b -> b.tableName(table)
          .key(Map.of("pk", s("RATE#" + key), "sk", s("WINDOW#" + start.getEpochSecond())))
          .updateExpression("ADD #count :one SET expiresAt = :expiresAt")
          .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
          .expressionAttributeNames(Map.of("#count", "uses"))
          .expressionAttributeValues(Map.of(
              ":one", n(1),
              ":limit", n(limit),
              ":expiresAt", n(start.plus(window.multipliedBy(2)).getEpochSecond()))));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      return Optional.of(RateLimits.untilWindowEnds(now, window));
    }
  }
}
