package io.orderflow.local.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A Lambda SQS event source mapping: long-polls a queue, hands batches of up to ten messages to a
 * function as an {@link SQSEvent}, and with {@code ReportBatchItemFailures} deletes only the
 * messages the function did not report as failed. Failed messages (all of them when the function
 * throws) stay on the queue and come back after the retry delay; the queue's own RedrivePolicy
 * moves a message to its dead-letter queue after {@code maxReceiveCount} receives, as on AWS.
 */
public final class EventSourcePoller implements AutoCloseable {

  /** The function behind the mapping. */
  @FunctionalInterface
  public interface BatchHandler {
    SQSBatchResponse handle(SQSEvent event) throws Exception;
  }

  static final int BATCH_SIZE = 10;
  private static final int WAIT_SECONDS = 1;
  private static final Logger LOG = LogManager.getLogger(EventSourcePoller.class);

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final BatchHandler handler;
  private final Duration retryDelay;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param retryDelay how long a failed message stays invisible; on AWS that is the queue's
   *     visibility timeout, locally it shrinks with the time scale so retries stay quick
   */
  public EventSourcePoller(SqsClient sqs, String queueUrl, BatchHandler handler, Duration retryDelay) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN);
    this.handler = handler;
    this.retryDelay = retryDelay;
    this.thread = new Thread(this::pollUntilClosed, "poller-" + queueArn.substring(queueArn.lastIndexOf(':') + 1));
    this.thread.setDaemon(true);
  }

  public EventSourcePoller start() {
    thread.start();
    return this;
  }

  private void pollUntilClosed() {
    while (running) {
      try {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(BATCH_SIZE)
                .waitTimeSeconds(WAIT_SECONDS)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All"))
            .messages();
        if (!messages.isEmpty() && running) {
          deliver(messages);
        }
      } catch (RuntimeException e) {
        if (running) {
          LOG.error("polling {} failed", queueUrl, e);
        }
      }
    }
  }

  private void deliver(List<Message> messages) {
    Set<String> failed = new HashSet<>();
    try {
      SQSBatchResponse response = handler.handle(event(messages));
      if (response != null && response.getBatchItemFailures() != null) {
        response.getBatchItemFailures().forEach(failure -> failed.add(failure.getItemIdentifier()));
      }
    } catch (Exception e) {
      LOG.warn("function failed on a batch from {}; every message will be retried", queueUrl, e);
      messages.forEach(message -> failed.add(message.messageId()));
    }
    List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
    for (Message message : messages) {
      if (failed.contains(message.messageId())) {
        sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl)
            .receiptHandle(message.receiptHandle())
            .visibilityTimeout((int) retryDelay.toSeconds()));
      } else {
        done.add(DeleteMessageBatchRequestEntry.builder()
            .id(message.messageId())
            .receiptHandle(message.receiptHandle())
            .build());
      }
    }
    if (!done.isEmpty()) {
      sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
    }
  }

  private SQSEvent event(List<Message> messages) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message message : messages) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId(message.messageId());
      record.setReceiptHandle(message.receiptHandle());
      record.setBody(message.body());
      record.setMd5OfBody(message.md5OfBody());
      record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
      record.setEventSource("aws:sqs");
      record.setEventSourceArn(queueArn);
      record.setAwsRegion("us-east-1");
      Map<String, String> attributes = new HashMap<>();
      message.attributes().forEach((name, value) -> attributes.put(name.toString(), value));
      record.setAttributes(attributes);
      Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
      message.messageAttributes().forEach((name, value) -> messageAttributes.put(name, attribute(value)));
      record.setMessageAttributes(messageAttributes);
      records.add(record);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
    SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
    attribute.setDataType(value.dataType());
    attribute.setStringValue(value.stringValue());
    return attribute;
  }

  /** Stops polling; a batch being handled finishes first. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(WAIT_SECONDS + 5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
