package io.orderflow.platform;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Base of the SQS batch consumers: each invocation logs one JSON line saying how many messages it
 * read and how many go back for redelivery; the subclass handles the batch and reports its failures.
 */
public abstract class SqsBatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  @Override
  public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    if (context == null) {
      return handleMessages(event);
    }
    InvocationLog.Outcome<SQSBatchResponse> outcome = InvocationLog.Outcome.of(response -> "read "
        + event.getRecords().size() + " messages, " + response.getBatchItemFailures().size() + " to be redelivered");
    return PowertoolsLogging.withLogging(context,
        () -> InvocationLog.logged(context.getFunctionName(), null, () -> handleMessages(event), outcome));
  }

  /** Handles every message of the batch; the response names the ones to redeliver. */
  protected abstract SQSBatchResponse handleMessages(SQSEvent event);
}
