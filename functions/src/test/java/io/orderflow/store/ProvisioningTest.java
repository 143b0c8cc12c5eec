package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.embedded.EmbeddedDynamoDb;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

@ExtendWith(LocalAws.Extension.class)
class ProvisioningTest {

  private final LocalAws aws;

  ProvisioningTest(LocalAws aws) {
    this.aws = aws;
  }

  @Test
  void createsEveryTableOnDemandWithItsIndexes() {
    for (Table table : Table.values()) {
      TableDescription description = aws.dynamo.describeTable(b -> b.tableName(table.localName())).table();
      assertThat(description.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
      assertThat(description.keySchema()).extracting(k -> k.attributeName()).containsExactly("pk", "sk");
      assertThat(description.globalSecondaryIndexes())
          .extracting(GlobalSecondaryIndexDescription::indexName)
          .containsExactlyInAnyOrderElementsOf(table.indexes().stream().map(Table.Index::name).toList());
      assertThat(description.globalSecondaryIndexes())
          .allSatisfy(index -> assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL));
      if (table.streamed()) {
        assertThat(description.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(description.latestStreamArn()).isNotBlank();
      } else {
        assertThat(description.latestStreamArn()).as(table.name()).isNull();
      }
    }
  }

  @Test
  void turnsOnTimeToLiveForTablesWithAnExpiryAttribute() {
    // A DynamoDB Local of its own: the shared one runs without TTL (see LocalAws).
    try (EmbeddedDynamoDb server = EmbeddedDynamoDb.start(0);
        DynamoDbClient dynamo = LocalAws.dynamo(server.endpoint())) {
      Provisioning.provision(dynamo, aws.sqs);
      Provisioning.provision(dynamo, aws.sqs);

      for (Table table : Table.values()) {
        TimeToLiveDescription ttl = dynamo.describeTimeToLive(b -> b.tableName(table.localName())).timeToLiveDescription();
        if (table.ttlAttribute().isPresent()) {
          assertThat(ttl.timeToLiveStatus()).as(table.name()).isEqualTo(TimeToLiveStatus.ENABLED);
          assertThat(ttl.attributeName()).isEqualTo(table.ttlAttribute().get());
        } else {
          assertThat(ttl.timeToLiveStatus()).as(table.name()).isEqualTo(TimeToLiveStatus.DISABLED);
        }
      }
    }
  }

  @Test
  void givesEveryQueueADeadLetterQueueAndRedrivePolicy() {
    for (Queue queue : Queue.values()) {
      Map<QueueAttributeName, String> attributes = aws.sqs.getQueueAttributes(
          b -> b.queueUrl(aws.names.queueUrl(queue)).attributeNames(QueueAttributeName.ALL)).attributes();
      String deadLetterUrl = aws.sqs.getQueueUrl(b -> b.queueName(queue.deadLetterLocalName())).queueUrl();
      String deadLetterArn = aws.sqs.getQueueAttributes(b -> b.queueUrl(deadLetterUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
          .attributes().get(QueueAttributeName.QUEUE_ARN);

      JsonNode redrive = Json.read(attributes.get(QueueAttributeName.REDRIVE_POLICY), JsonNode.class);
      assertThat(redrive.get("deadLetterTargetArn").asText()).isEqualTo(deadLetterArn);
      assertThat(redrive.get("maxReceiveCount").asInt()).isEqualTo(queue.maxReceiveCount());
      assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT))
          .isEqualTo(String.valueOf(queue.visibilityTimeout().toSeconds()));
    }
  }

  @Test
  void aMessageReceivedTooOftenMovesToTheDeadLetterQueue() {
    Queue queue = Queue.RESTOCK_REQUESTS;
    String url = aws.names.queueUrl(queue);
    String deadLetterUrl = aws.sqs.getQueueUrl(b -> b.queueName(queue.deadLetterLocalName())).queueUrl();
    String body = "{\"poison\":\"" + java.util.UUID.randomUUID() + "\"}";
    aws.sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));

    // A consumer that fails every time: each receive ends with the message visible again at once.
    for (int receive = 0; receive < queue.maxReceiveCount(); receive++) {
      aws.sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(1));
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() -> {
      aws.sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(0));
      assertThat(aws.sqs.receiveMessage(b -> b.queueUrl(deadLetterUrl).maxNumberOfMessages(10).visibilityTimeout(0)).messages())
          .anySatisfy(message -> assertThat(message.body()).isEqualTo(body));
    });
  }

  @Test
  void provisioningAgainKeepsWhatExists() {
    ResourceNames again = Provisioning.provision(aws.dynamo, aws.sqs, false);

    assertThat(again).isEqualTo(aws.names);
    assertThat(again.tableName(Table.ORDERS)).isEqualTo("orderflow-orders");
  }
}
