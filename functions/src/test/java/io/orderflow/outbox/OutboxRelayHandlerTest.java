package io.orderflow.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import io.orderflow.platform.StreamFilter;
import io.orderflow.testing.RecordingQueuePublisher;
import org.junit.jupiter.api.Test;

/** The outbox relay, fed the sample Orders stream event of {@code events/dynamodb/}. */
class OutboxRelayHandlerTest {

  private final RecordingQueuePublisher queues = new RecordingQueuePublisher();
  private final OutboxRelayHandler relay = new OutboxRelayHandler(queues);

  @Test
  void sendsEachOutboxItemToItsQueueExactlyAsTheChangeWroteIt() {
    StreamsEventResponse response = relay.handleRequest(sample(), null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    // The timeline event in the same stream is no message.
    assertThat(queues.messages(Queue.NOTIFICATIONS)).singleElement().satisfies(message ->
        assertThat(Json.write(message)).isEqualTo(sample().getRecords().get(1).getDynamodb().getNewImage().get("body").getS()));
    assertThat(queues.messages(Queue.RESTOCK_REQUESTS)).singleElement()
        .satisfies(message -> assertThat(((JsonNode) message).path("sku").asText()).isEqualTo("SKU-2"));
    // A redelivery carries the same id, for the consumer to recognise.
    relay.handleRequest(sample(), null);
    assertThat(queues.messageIds(Queue.NOTIFICATIONS)).containsExactly(
        "ORDER#3f2c9a7e-8b1d-4c6f-a5e2-9d0b7c4e1a68/OUTBOX#000000000002.000",
        "ORDER#3f2c9a7e-8b1d-4c6f-a5e2-9d0b7c4e1a68/OUTBOX#000000000002.000");
  }

  @Test
  void onlyNewOutboxItemsAreRelayed() {
    DynamodbEvent event = sample();
    // The outbox item's TTL removal, and an update of one, carry nothing new.
    event.getRecords().get(1).setEventName("REMOVE");
    event.getRecords().get(1).setUserIdentity(new Identity()
        .withType(StreamFilter.TTL_IDENTITY_TYPE).withPrincipalId(StreamFilter.TTL_PRINCIPAL));
    event.getRecords().get(2).setEventName("MODIFY");

    assertThat(relay.handleRequest(event, null).getBatchItemFailures()).isEmpty();

    assertThat(queues.messages(Queue.NOTIFICATIONS)).isEmpty();
    assertThat(queues.messages(Queue.RESTOCK_REQUESTS)).isEmpty();
  }

  @Test
  void aFailedSendIsReportedAndNothingAfterItIsSent() {
    OutboxRelayHandler failing = new OutboxRelayHandler((queue, message) -> {
      if (queue == Queue.NOTIFICATIONS) {
        throw new IllegalStateException("SQS throttled");
      }
      queues.publish(queue, message);
    });

    StreamsEventResponse response = failing.handleRequest(sample(), null);

    assertThat(response.getBatchItemFailures())
        .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("5521584600000000017450439102");
    assertThat(queues.messages(Queue.RESTOCK_REQUESTS)).isEmpty();
  }

  private static DynamodbEvent sample() {
    return EventLoader.loadDynamoDbEvent("events/dynamodb/orders-stream.json");
  }
}
