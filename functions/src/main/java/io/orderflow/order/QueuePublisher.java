package io.orderflow.order;

import io.orderflow.platform.Queue;

/** Port: puts a message (a record, sent as JSON) on one of the work queues. */
public interface QueuePublisher {

  /** The SQS message attribute that carries a message's {@code messageId}. */
  String MESSAGE_ID = "messageId";

  void publish(Queue queue, Object message);

  /**
   * Publishes a message that may be sent more than once (relayed from a stream, say) under the
   * same {@code messageId} every time, so its consumers can tell a repeat from a new message.
   */
  default void publish(Queue queue, Object message, String messageId) {
    publish(queue, message);
  }
}
