package io.orderflow.local.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;

class EmbeddedServicesTest {

  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

  @Test
  void dynamoDbLocalKeepsDataOnDiskAcrossRestarts(@TempDir Path dataDir) {
    try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(0, dataDir);
        DynamoDbClient client = dynamo(db)) {
      client.createTable(
          b -> b.tableName("probe")
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
              .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
      client.putItem(b -> b.tableName("probe").item(java.util.Map.of("pk", AttributeValue.fromS("a"))));
    }
    try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start(0, dataDir);
        DynamoDbClient client = dynamo(db)) {
      assertThat(client.getItem(b -> b.tableName("probe").key(java.util.Map.of("pk", AttributeValue.fromS("a")))).hasItem())
          .isTrue();
    }
  }

  @Test
  void elasticMqAnswersTheSqsProtocol() {
    try (EmbeddedSqs sqs = EmbeddedSqs.start(0);
        SqsClient client =
            SqsClient.builder()
                .endpointOverride(sqs.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
      String url = client.createQueue(b -> b.queueName("probe")).queueUrl();
      client.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
      assertThat(client.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1)).messages())
          .singleElement()
          .satisfies(m -> assertThat(m.body()).isEqualTo("hello"));
    }
  }

  private static DynamoDbClient dynamo(EmbeddedDynamoDb db) {
    return DynamoDbClient.builder()
        .endpointOverride(db.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
