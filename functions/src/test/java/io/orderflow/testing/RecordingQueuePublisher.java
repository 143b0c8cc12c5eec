package io.orderflow.testing;

import io.orderflow.order.QueuePublisher;
import io.orderflow.platform.Queue;
import java.util.ArrayList;
import java.util.List;

/** Keeps what was published, for assertions. */
public final class RecordingQueuePublisher implements QueuePublisher {

  public record Published(Queue queue, Object message, String messageId) {}

  private final List<Published> published = new ArrayList<>();

  @Override
  public synchronized void publish(Queue queue, Object message) {
    published.add(new Published(queue, message, null));
  }

  @Override
  public synchronized void publish(Queue queue, Object message, String messageId) {
    published.add(new Published(queue, message, messageId));
  }

  public synchronized List<String> messageIds(Queue queue) {
    return published.stream().filter(p -> p.queue() == queue).map(Published::messageId).toList();
  }

  public synchronized List<Object> messages(Queue queue) {
    return published.stream().filter(p -> p.queue() == queue).map(Published::message).toList();
  }

  public synchronized <T> List<T> messages(Queue queue, Class<T> type) {
    return messages(queue).stream().filter(type::isInstance).map(type::cast).toList();
  }
}
