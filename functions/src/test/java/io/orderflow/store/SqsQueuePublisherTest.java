package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.order.Notification;
import io.orderflow.order.QueuePublisher;
import io.orderflow.platform.Json;
import io.orderflow.platform.Queue;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(LocalAws.Extension.class)
class SqsQueuePublisherTest {

  private final LocalAws aws;
  private final QueuePublisher publisher;

  SqsQueuePublisherTest(LocalAws aws) {
    this.aws = aws;
    this.publisher = aws.adapters().queues();
  }

  @Test
  void publishesRecordsAsJsonToTheQueuesUrl() {
    String orderId = "order-" + UUID.randomUUID();
    Notification sent = new Notification(orderId, "customer-1", "ORDER_CONFIRMED", Map.of("eta", "2025-03-06"));

    publisher.publish(Queue.NOTIFICATIONS, sent);

    Message received = receiveAbout(Queue.NOTIFICATIONS, orderId);
    assertThat(Json.read(received.body(), Notification.class)).isEqualTo(sent);
  }

  @Test
  void aRepeatableMessageCarriesItsIdAsAnAttribute() {
    String orderId = "order-" + UUID.randomUUID();

    publisher.publish(Queue.NOTIFICATIONS, Map.of("orderId", orderId), "ORDER#" + orderId + "/OUTBOX#000000000002.000");

    Message received = receiveAbout(Queue.NOTIFICATIONS, orderId);
    assertThat(received.messageAttributes().get(QueuePublisher.MESSAGE_ID).stringValue())
        .isEqualTo("ORDER#" + orderId + "/OUTBOX#000000000002.000");
  }

  /** Receives from {@code queue} until the message naming {@code orderId} arrives (others' tests share the queues). */
  private Message receiveAbout(Queue queue, String orderId) {
    String url = aws.names.queueUrl(queue);
    for (int attempt = 0; attempt < 10; attempt++) {
      List<Message> messages = aws.sqs.receiveMessage(
          b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1).messageAttributeNames("All")).messages();
      for (Message message : messages) {
        aws.sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
        if (message.body().contains(orderId)) {
          return message;
        }
      }
    }
    throw new AssertionError("no message about " + orderId + " on " + queue);
  }
}
