package io.orderflow.store;

import io.orderflow.order.OrderRepository.ConcurrentModification;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Optimistic locking for the after-sales aggregates: an item carries a {@code version}, and a write
 * is conditional on the version it was read at (or on the item not existing yet, for version 0).
 * A failed condition, or a transaction that collided with another on the same items, means another
 * writer got there first: {@link ConcurrentModification}, which the domain's updaters re-apply.
 */
final class ConditionalWrites {

  static final String VERSION = "version";
  static final String NOT_EXISTS = "attribute_not_exists(pk)";

  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
  private static final String TRANSACTION_CONFLICT = "TransactionConflict";
  private static final String CONDITION = "#version = :previous";

  private ConditionalWrites() {}

  /** A put of {@code item} (which holds its new version) over the stored {@code previous} version. */
  static TransactWriteItem versioned(String table, Map<String, AttributeValue> item, long previous) {
    Put.Builder put = Put.builder().tableName(table).item(item);
    if (previous == 0) {
      put.conditionExpression(NOT_EXISTS);
    } else {
      put.conditionExpression(CONDITION)
          .expressionAttributeNames(Map.of("#version", VERSION))
          .expressionAttributeValues(Map.of(":previous", Attributes.n(previous)));
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  /** One versioned put outside a transaction (half the write cost of a transaction of one). */
  static void put(DynamoDbClient dynamo, String table, Map<String, AttributeValue> item, long previous, String id) {
    try {
      dynamo.putItem(b -> b.tableName(table)
          .item(item)
          .conditionExpression(CONDITION)
          .expressionAttributeNames(Map.of("#version", VERSION))
          .expressionAttributeValues(Map.of(":previous", Attributes.n(previous))));
    } catch (ConditionalCheckFailedException e) {
      throw new ConcurrentModification(id);
    }
  }

  /**
   * All {@code writes} or none. A failed condition is a {@link ConcurrentModification} of {@code
   * id}. A collision with another transaction on the same items (a busy counter) is repeated with
   * backoff: the conditions are evaluated afresh each time, so repeating is safe.
   */
  static void transact(DynamoDbClient dynamo, List<TransactWriteItem> writes, String id) {
    for (int attempt = 1; ; attempt++) {
      try {
        dynamo.transactWriteItems(b -> b.transactItems(writes));
        return;
      } catch (TransactionCanceledException e) {
        List<String> codes = e.hasCancellationReasons()
            ? e.cancellationReasons().stream().map(CancellationReason::code).toList()
            : List.of();
        if (codes.contains(CONDITIONAL_CHECK_FAILED)) {
          throw new ConcurrentModification(id);
        }
        if (!codes.contains(TRANSACTION_CONFLICT)) {
          throw e;
        }
        if (attempt == Backoff.MAX_ATTEMPTS) {
          throw new ConcurrentModification(id);
        }
        Backoff.pause(attempt);
      }
    }
  }
}
