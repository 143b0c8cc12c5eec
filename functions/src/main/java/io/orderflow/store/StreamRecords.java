package io.orderflow.store;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import io.orderflow.platform.Queue;
import io.orderflow.platform.StreamFilter;
import io.orderflow.platform.Table;
import java.util.Map;
import java.util.Optional;

/** Reads the items of this store's tables out of DynamoDB stream records, as Lambda delivers them. */
public final class StreamRecords {

  private StreamRecords() {}

  /**
   * A message an order change put in its outbox: the queue, the JSON body to send, and an id that
   * stays the same however often the stream delivers it (the item's key).
   */
  public record OutboxMessage(Queue queue, String body, String messageId) {}

  /** Whether {@code record} is one that {@code filter} lets through. */
  public static boolean passes(StreamFilter filter, DynamodbStreamRecord record) {
    Identity identity = record.getUserIdentity();
    Map<String, AttributeValue> keys = record.getDynamodb() == null ? null : record.getDynamodb().getKeys();
    return filter.matches(
        record.getEventName(),
        identity == null ? null : identity.getType(),
        identity == null ? null : identity.getPrincipalId(),
        keys == null ? null : string(keys, Table.SORT_KEY));
  }

  /** The outbox message a new outbox item carries, if it is one (see {@link OrderItemMapper#outboxItem}). */
  public static Optional<OutboxMessage> outboxMessage(DynamodbStreamRecord record) {
    Map<String, AttributeValue> image = record.getDynamodb() == null ? null : record.getDynamodb().getNewImage();
    if (image == null) {
      return Optional.empty();
    }
    String queue = string(image, OrderItemMapper.OUTBOX_QUEUE);
    String body = string(image, OrderItemMapper.OUTBOX_BODY);
    if (queue == null || body == null) {
      return Optional.empty();
    }
    String messageId = string(image, Table.PARTITION_KEY) + "/" + string(image, Table.SORT_KEY);
    return Optional.of(new OutboxMessage(Queue.valueOf(queue), body, messageId));
  }

  /** A string attribute of a stream image, or null. */
  public static String string(Map<String, AttributeValue> image, String name) {
    AttributeValue value = image == null ? null : image.get(name);
    return value == null ? null : value.getS();
  }
}
