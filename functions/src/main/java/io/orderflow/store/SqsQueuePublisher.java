package io.orderflow.store;

import io.orderflow.order.QueuePublisher;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Sends each message as one JSON SQS message to the queue's URL, its messageId (if any) as an attribute. */
public final class SqsQueuePublisher implements QueuePublisher {

  private final SqsClient sqs;
  private final ResourceNames names;

  public SqsQueuePublisher(SqsClient sqs, ResourceNames names) {
    this.sqs = sqs;
    this.names = names;
  }

  @Override
  public void publish(Queue queue, Object message) {
    String url = names.queueUrl(queue);
    String body = Json.write(message);
    sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
  }

  @Override
  public void publish(Queue queue, Object message, String messageId) {
    String url = names.queueUrl(queue);
    String body = Json.write(message);
    MessageAttributeValue id = MessageAttributeValue.builder().dataType("String").stringValue(messageId).build();
    sqs.sendMessage(b -> b.queueUrl(url).messageBody(body).messageAttributes(Map.of(MESSAGE_ID, id)));
  }
}
