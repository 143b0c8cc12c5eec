package io.orderflow.intake;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.orderflow.platform.Json;
import io.orderflow.platform.SqsBatchHandler;
import io.orderflow.store.Adapters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Drains the order-intake queue into order-fulfillment executions. The queue absorbs peaks; the
 * function's bounded concurrency keeps StartExecution under its quota. Reports partial batch
 * failures, so one failed start is redelivered alone. A message that is not {@code {"orderId"}}
 * can never succeed: it is logged and dropped instead of cycling to the dead-letter queue.
 */
public final class OrderIntakeHandler extends SqsBatchHandler {

  private static final Logger LOG = LogManager.getLogger(OrderIntakeHandler.class);

  private final FulfillmentStarter starter;

  public OrderIntakeHandler() {
    this(new FulfillmentStarter(
        Adapters.shared().workflowStarter(), ExecutionSettings.fromEnvironment(System.getenv())));
  }

  public OrderIntakeHandler(FulfillmentStarter starter) {
    this.starter = starter;
  }

  @Override
  protected SQSBatchResponse handleMessages(SQSEvent event) {
    List<BatchItemFailure> failures = new ArrayList<>();
    int dropped = 0;
    for (SQSMessage message : event.getRecords()) {
      Optional<String> orderId = orderIdOf(message.getBody());
      if (orderId.isEmpty()) {
        dropped++;
        LOG.warn("dropping malformed intake message {}: {}", message.getMessageId(), message.getBody());
        continue;
      }
      try {
        if (!starter.start(orderId.get())) {
          LOG.info("order {} already has its execution (message {} redelivered)", orderId.get(), message.getMessageId());
        }
      } catch (RuntimeException e) {
        LOG.error("could not start order {}; message {} will be redelivered", orderId.get(), message.getMessageId(), e);
        failures.add(new BatchItemFailure(message.getMessageId()));
      }
    }
    if (dropped > 0) {
      LOG.warn("dropped {} malformed of {} intake messages", dropped, event.getRecords().size());
    }
    return new SQSBatchResponse(failures);
  }

  private static Optional<String> orderIdOf(String body) {
    if (body == null) {
      return Optional.empty();
    }
    try {
      IntakeMessage message = Json.MAPPER.readValue(body, IntakeMessage.class);
      return message != null && FulfillmentStarter.isValidOrderId(message.orderId())
          ? Optional.of(message.orderId())
          : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
