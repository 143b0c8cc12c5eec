package io.orderflow.outbox;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.order.QueuePublisher;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.StreamFilter;
import io.orderflow.platform.StreamHandler;
import io.orderflow.store.Adapters;
import io.orderflow.store.StreamRecords;
import io.orderflow.store.StreamRecords.OutboxMessage;
import java.util.Optional;

/**
 * The outbox relay: consumes the Orders table's stream and sends each message an order change put
 * in its outbox (a customer notification, a ticket, a restock request) to its queue. The change and
 * its messages were written in one transaction, so a message is never lost to a crash between the
 * two. The stream delivers at least once, so a consumer may see a message twice: it carries the
 * same {@code messageId} attribute each time.
 */
public final class OutboxRelayHandler extends StreamHandler<OutboxMessage> {

  private static final StreamFilter OUTBOX = LambdaFunction.RELAY_OUTBOX.streamFilter().orElseThrow();

  private final QueuePublisher queues;

  public OutboxRelayHandler() {
    this(Adapters.shared().queues());
  }

  public OutboxRelayHandler(QueuePublisher queues) {
    this.queues = queues;
  }

  @Override
  protected Optional<OutboxMessage> read(DynamodbStreamRecord record) {
    return StreamRecords.passes(OUTBOX, record) ? StreamRecords.outboxMessage(record) : Optional.empty();
  }

  @Override
  protected void handle(OutboxMessage message) {
    // The body is JSON already: sent as a tree, it goes out exactly as the change wrote it.
    queues.publish(message.queue(), Json.read(message.body(), JsonNode.class), message.messageId());
  }
}
