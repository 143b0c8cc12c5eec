package io.orderflow.store;

import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * Creates every table and queue of {@code io.orderflow.platform} under its local name, the way the
 * CDK app defines them on AWS: tables on demand with their indexes (all attributes projected), TTL
 * and stream; each queue with its dead-letter queue and redrive policy. Safe to run again: what exists is
 * kept. Used by the local stack and by tests.
 */
public final class Provisioning {

  /** How long a dead-lettered message waits for someone to look at it: the SQS maximum. */
  private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

  private static final StreamSpecification BOTH_IMAGES =
      StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build();

  private Provisioning() {}

  /** Creates what is missing and returns where everything is (no state machines: see {@link ResourceNames#withStateMachine}). */
  public static ResourceNames provision(DynamoDbClient dynamo, SqsClient sqs) {
    return provision(dynamo, sqs, true);
  }

  /**
   * As {@link #provision(DynamoDbClient, SqsClient)}, optionally without TTL. DynamoDB Local deletes
   * expired items within seconds, by the wall clock; tests that drive the stores with fixed clocks
   * would see their items vanish mid-test. The stores never rely on that deletion (an expired item
   * counts as absent in their conditions), so those tests lose nothing by turning it off.
   */
  static ResourceNames provision(DynamoDbClient dynamo, SqsClient sqs, boolean deleteExpiredItems) {
    Map<Table, String> tables = new EnumMap<>(Table.class);
    for (Table table : Table.values()) {
      tables.put(table, createTable(dynamo, table, deleteExpiredItems));
    }
    Map<Queue, String> queues = new EnumMap<>(Queue.class);
    for (Queue queue : Queue.values()) {
      queues.put(queue, createQueue(sqs, queue));
    }
    return new ResourceNames(tables, queues, Map.of());
  }

  private static String createTable(DynamoDbClient dynamo, Table table, boolean deleteExpiredItems) {
    String name = table.localName();
    Set<String> keyAttributes = new LinkedHashSet<>(List.of(Table.PARTITION_KEY, Table.SORT_KEY));
    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
    for (Table.Index index : table.indexes()) {
      keyAttributes.add(index.partitionKey());
      List<KeySchemaElement> schema = new ArrayList<>(List.of(key(index.partitionKey(), KeyType.HASH)));
      if (index.sortKey() != null) {
        keyAttributes.add(index.sortKey());
        schema.add(key(index.sortKey(), KeyType.RANGE));
      }
      indexes.add(GlobalSecondaryIndex.builder()
          .indexName(index.name())
          .keySchema(schema)
          .projection(p -> p.projectionType(ProjectionType.ALL))
          .build());
    }
    List<AttributeDefinition> definitions = keyAttributes.stream()
        .map(attribute -> AttributeDefinition.builder().attributeName(attribute).attributeType(ScalarAttributeType.S).build())
        .toList();
    try {
      dynamo.createTable(b -> b.tableName(name)
          .billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(definitions)
          .keySchema(key(Table.PARTITION_KEY, KeyType.HASH), key(Table.SORT_KEY, KeyType.RANGE))
          .globalSecondaryIndexes(indexes.isEmpty() ? null : indexes)
          .streamSpecification(table.streamed() ? BOTH_IMAGES : null));
    } catch (ResourceInUseException e) {
      // Created by an earlier run.
    }
    dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
    if (table.streamed() && dynamo.describeTable(b -> b.tableName(name)).table().latestStreamArn() == null) {
      // Kept from a run before the table streamed (serve --data-dir).
      dynamo.updateTable(b -> b.tableName(name).streamSpecification(BOTH_IMAGES));
    }
    if (deleteExpiredItems) {
      table.ttlAttribute().ifPresent(attribute -> enableTimeToLive(dynamo, name, attribute));
    }
    return name;
  }

  static String createQueue(SqsClient sqs, Queue queue) {
    String deadLetterUrl = createOrUpdate(sqs, queue.deadLetterLocalName(), Map.of(
        QueueAttributeName.MESSAGE_RETENTION_PERIOD, String.valueOf(DEAD_LETTER_RETENTION.toSeconds())));
    String deadLetterArn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
    Map<String, Object> redrive = new LinkedHashMap<>();
    redrive.put("deadLetterTargetArn", deadLetterArn);
    redrive.put("maxReceiveCount", queue.maxReceiveCount());
    return createOrUpdate(sqs, queue.localName(), Map.of(
        QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(queue.visibilityTimeout().toSeconds()),
        QueueAttributeName.REDRIVE_POLICY, Json.write(redrive)));
  }

  private static String createOrUpdate(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
    try {
      return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    } catch (QueueNameExistsException e) {
      // It exists with other attributes (an older definition): bring it up to date.
      String url = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
      sqs.setQueueAttributes(b -> b.queueUrl(url).attributes(attributes));
      return url;
    }
  }

  private static void enableTimeToLive(DynamoDbClient dynamo, String table, String attribute) {
    TimeToLiveStatus status = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().timeToLiveStatus();
    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
      return;
    }
    dynamo.updateTimeToLive(b -> b.tableName(table)
        .timeToLiveSpecification(t -> t.enabled(true).attributeName(attribute)));
  }

  private static KeySchemaElement key(String attribute, KeyType type) {
    return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
  }
}
