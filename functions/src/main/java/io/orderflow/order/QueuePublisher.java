package io.orderflow.order;

import io.orderflow.platform.Queue;

/** Port: puts a message (a record, sent as JSON) on one of the work queues. */
public interface QueuePublisher {

  void publish(Queue queue, Object message);
}
