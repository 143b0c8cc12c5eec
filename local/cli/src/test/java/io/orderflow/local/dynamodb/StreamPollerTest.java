package io.orderflow.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.orderflow.local.embedded.EmbeddedDynamoDb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The stream event source mapping against DynamoDB Local: order, images, retries, giving up. */
class StreamPollerTest {

  private static EmbeddedDynamoDb server;
  private static DynamoDbClient dynamo;
  private static DynamoDbStreamsClient streams;

  @BeforeAll
  static void startDynamoDb() {
    server = EmbeddedDynamoDb.start(0);
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    dynamo = DynamoDbClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    streams = DynamoDbStreamsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
  }

  @AfterAll
  static void stopDynamoDb() {
    streams.close();
    dynamo.close();
    server.close();
  }

  @Test
  void deliversChangesInOrderAsLambdaStreamRecordsWithTheirImages() {
    String streamArn = table("ordered");
    Queue<DynamodbStreamRecord> delivered = new ConcurrentLinkedQueue<>();

    try (StreamPoller poller = new StreamPoller(streams, streamArn, record -> true, event -> {
      delivered.addAll(event.getRecords());
      return new StreamsEventResponse(List.of());
    }).start()) {
      put("ordered", "a", 1);
      put("ordered", "a", 2);
      dynamo.deleteItem(b -> b.tableName("ordered").key(Map.of("pk", AttributeValue.fromS("a"))));

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(delivered).hasSize(3));
    }
    assertThat(delivered).extracting(DynamodbStreamRecord::getEventName).containsExactly("INSERT", "MODIFY", "REMOVE");
    DynamodbStreamRecord removal = List.copyOf(delivered).get(2);
    assertThat(removal.getEventSourceARN()).isEqualTo(streamArn);
    assertThat(removal.getUserIdentity()).isNull();
    assertThat(removal.getDynamodb().getOldImage().get("n").getN()).isEqualTo("2");
    assertThat(removal.getDynamodb().getKeys().get("pk").getS()).isEqualTo("a");
  }

  @Test
  void retriesFromTheReportedRecordThenGivesUpOnItAndMovesOn() {
    String streamArn = table("retried");
    Queue<String> deliveries = new ConcurrentLinkedQueue<>();

    try (StreamPoller poller = new StreamPoller(streams, streamArn, record -> true, event -> {
      for (DynamodbStreamRecord record : event.getRecords()) {
        String key = record.getDynamodb().getKeys().get("pk").getS();
        deliveries.add(key);
        if (key.equals("poison")) {
          return new StreamsEventResponse(List.of(
              new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber())));
        }
      }
      return new StreamsEventResponse(List.of());
    }).start()) {
      put("retried", "before", 1);
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deliveries).contains("before"));
      put("retried", "poison", 1);
      put("retried", "after", 1);

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(deliveries).contains("after"));
    }
    assertThat(deliveries).filteredOn("poison"::equals).hasSize(StreamPoller.MAX_ATTEMPTS);
    assertThat(deliveries).filteredOn("before"::equals).hasSize(1);
    assertThat(deliveries).filteredOn("after"::equals).hasSize(1);
  }

  private static String table(String name) {
    return dynamo.createTable(b -> b.tableName(name)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
            .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
        .tableDescription()
        .latestStreamArn();
  }

  private static void put(String table, String key, int n) {
    dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key), "n", AttributeValue.fromN(String.valueOf(n)))));
  }
}
