package io.orderflow.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** {@code BatchGetItem} over any number of keys: 100 keys a call, unprocessed keys asked again. */
final class BatchReads {

  private static final int KEYS_PER_CALL = 100;

  private BatchReads() {}

  /** The items that exist among {@code keys} (distinct keys), in no particular order. */
  static List<Map<String, AttributeValue>> get(
      DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> keys, boolean consistent) {
    List<Map<String, AttributeValue>> found = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += KEYS_PER_CALL) {
      List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_CALL));
      Map<String, KeysAndAttributes> request =
          Map.of(table, KeysAndAttributes.builder().keys(chunk).consistentRead(consistent).build());
      for (int attempt = 1; !request.isEmpty(); attempt++) {
        if (attempt > Backoff.MAX_ATTEMPTS) {
          throw new IllegalStateException("DynamoDB left keys of " + table + " unprocessed " + Backoff.MAX_ATTEMPTS + " times");
        }
        if (attempt > 1) {
          Backoff.pause(attempt);
        }
        Map<String, KeysAndAttributes> ask = request;
        BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(ask));
        found.addAll(response.responses().getOrDefault(table, List.of()));
        request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
      }
    }
    return found;
  }
}
