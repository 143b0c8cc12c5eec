package io.orderflow.store;

import static io.orderflow.store.Attributes.n;
import static io.orderflow.store.Attributes.s;

import io.orderflow.idempotency.IdempotencyStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency records in the Idempotency table ({@code pk=<key>}, {@code sk=IDEMPOTENCY}), laid out
 * like Powertools': status, request hash, stored response, {@code lockedUntil} (epoch millis) while
 * IN_PROGRESS, and {@code expiresAt} (epoch seconds), the table's TTL attribute.
 */
public final class DynamoIdempotencyStore implements IdempotencyStore {

  private static final String SORT_KEY = "IDEMPOTENCY";
  private static final Map<String, String> STATUS = Map.of("#status", "status");

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoIdempotencyStore(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * One conditional put claims the key unless a live record holds it. TTL deletion lags behind
   * expiry by up to days, so an expired record counts as absent here rather than waiting for it.
   */
  @Override
  public Record begin(String key, String requestHash, Instant now, Instant lockedUntil) {
    Map<String, AttributeValue> item = new HashMap<>(key(key));
    item.put("status", s(Record.Status.IN_PROGRESS.name()));
    item.put("requestHash", s(requestHash));
    item.put("lockedUntil", n(lockedUntil.toEpochMilli()));
    // An abandoned claim is cleaned up by TTL once its lock has run out.
    item.put("expiresAt", n(epochSecondsRoundedUp(lockedUntil)));
    try {
      dynamo.putItem(b -> b.tableName(table)
          .item(item)
          .conditionExpression(
              "attribute_not_exists(pk) OR (#status = :inProgress AND lockedUntil < :nowMillis) OR expiresAt < :nowSeconds")
          .expressionAttributeNames(STATUS)
          .expressionAttributeValues(Map.of(
              ":inProgress", s(Record.Status.IN_PROGRESS.name()),
              ":nowMillis", n(now.toEpochMilli()),
              ":nowSeconds", n(now.getEpochSecond())))
          // The record that beat us comes back with the refusal: no second read, no window in
          // which it could change or vanish before we look at it.
          .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return new Record(key, Record.Status.NEW, requestHash, null);
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> holder = e.item();
      return new Record(
          key,
          Record.Status.valueOf(Attributes.required(holder, "status")),
          Attributes.string(holder, "requestHash"),
          Attributes.string(holder, "response"));
    }
  }

  @Override
  public void complete(String key, String requestHash, String response, Instant expiresAt) {
    Map<String, String> names = new HashMap<>(STATUS);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":completed", s(Record.Status.COMPLETED.name()));
    values.put(":expiresAt", n(epochSecondsRoundedUp(expiresAt)));
    values.put(":requestHash", s(requestHash));
    // The hash is written again: if the claim expired and vanished while the action ran, this
    // write recreates a whole record rather than one later callers cannot compare against.
    String set = "SET #status = :completed, expiresAt = :expiresAt, requestHash = :requestHash";
    if (response != null) {
      names.put("#response", "response");
      values.put(":response", s(response));
      set += ", #response = :response";
    }
    String expression = set + " REMOVE lockedUntil";
    dynamo.updateItem(b -> b.tableName(table)
        .key(key(key))
        .updateExpression(expression)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values));
  }

  /** Deletes the claim so a retry can run; a completed record is never deleted. */
  @Override
  public void release(String key) {
    try {
      dynamo.deleteItem(b -> b.tableName(table)
          .key(key(key))
          .conditionExpression("#status = :inProgress")
          .expressionAttributeNames(STATUS)
          .expressionAttributeValues(Map.of(":inProgress", s(Record.Status.IN_PROGRESS.name()))));
    } catch (ConditionalCheckFailedException e) {
      // Already gone, or completed after all: nothing to release.
    }
  }

  private static Map<String, AttributeValue> key(String key) {
    return Map.of("pk", s(key), "sk", s(SORT_KEY));
  }

  private static long epochSecondsRoundedUp(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }
}
