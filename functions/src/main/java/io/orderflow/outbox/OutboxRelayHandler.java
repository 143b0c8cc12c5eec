package io.orderflow.outbox;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import io.orderflow.order.QueuePublisher;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.StreamFilter;
import io.orderflow.store.Adapters;
import io.orderflow.store.StreamRecords;
import io.orderflow.store.StreamRecords.OutboxMessage;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The outbox relay: consumes the Orders table's stream and sends each message an order change put
 * in its outbox (a customer notification, a ticket, a restock request) to its queue. The change and
 * its messages were written in one transaction, so a message is never lost to a crash between the
 * two. The stream delivers at least once, so a consumer may see a message twice: it carries the
 * same {@code messageId} attribute each time. A stream is ordered: the first record that fails is
 * reported and Lambda retries from it.
 */
public final class OutboxRelayHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  private static final Logger LOG = LogManager.getLogger(OutboxRelayHandler.class);
  private static final StreamFilter OUTBOX = LambdaFunction.RELAY_OUTBOX.streamFilter().orElseThrow();

  private final QueuePublisher queues;

  public OutboxRelayHandler() {
    this(Adapters.shared().queues());
  }

  public OutboxRelayHandler(QueuePublisher queues) {
    this.queues = queues;
  }

  @Override
  public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    for (DynamodbStreamRecord record : event.getRecords()) {
      Optional<OutboxMessage> message = StreamRecords.passes(OUTBOX, record)
          ? StreamRecords.outboxMessage(record)
          : Optional.empty();
      if (message.isEmpty()) {
        continue;
      }
      try {
        // The body is JSON already: sent as a tree, it goes out exactly as the change wrote it.
        queues.publish(message.get().queue(), Json.MAPPER.readTree(message.get().body()), message.get().messageId());
      } catch (Exception e) {
        LOG.error("could not relay {} to {}; the stream retries from it",
            record.getDynamodb().getKeys(), message.get().queue(), e);
        return new StreamsEventResponse(List.of(new BatchItemFailure(record.getDynamodb().getSequenceNumber())));
      }
    }
    return new StreamsEventResponse(List.of());
  }
}
