package io.orderflow.store;

import io.orderflow.order.QueuePublisher;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends each message as one JSON SQS message to the queue's URL. */
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
}
