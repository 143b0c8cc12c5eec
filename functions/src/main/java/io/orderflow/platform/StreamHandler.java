package io.orderflow.platform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * A table stream's consumer: reads what concerns it from each record ({@code M}), in order, and
 * handles it. A stream is ordered, so the first record that fails is reported (ReportBatchItemFailures)
 * and Lambda retries from it, the records after it included; nothing after it is handled now.
 */
public abstract class StreamHandler<M> implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

  private static final Logger LOG = LogManager.getLogger(StreamHandler.class);

  @Override
  public final StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
    if (context == null) {
      return handleRecords(event);
    }
    InvocationLog.Outcome<StreamsEventResponse> outcome = InvocationLog.Outcome.of(response -> "read "
        + event.getRecords().size() + " records"
        + (response.getBatchItemFailures().isEmpty() ? "" : ", the stream retries from a failed one"));
    return PowertoolsLogging.withLogging(context,
        () -> InvocationLog.logged(context.getFunctionName(), null, () -> handleRecords(event), outcome));
  }

  private StreamsEventResponse handleRecords(DynamodbEvent event) {
    for (DynamodbStreamRecord record : event.getRecords()) {
      Optional<M> item = read(record);
      if (item.isEmpty()) {
        continue;
      }
      try {
        handle(item.get());
      } catch (RuntimeException e) {
        LOG.error("{} failed on {}; the stream retries from it", getClass().getSimpleName(), item.get(), e);
        return new StreamsEventResponse(List.of(new BatchItemFailure(record.getDynamodb().getSequenceNumber())));
      }
    }
    return new StreamsEventResponse(List.of());
  }

  /** What {@code record} carries for this consumer, or empty if it is none of its business. */
  protected abstract Optional<M> read(DynamodbStreamRecord record);

  protected abstract void handle(M item);
}
