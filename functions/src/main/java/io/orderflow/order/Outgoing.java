package io.orderflow.order;

import io.orderflow.platform.Queue;
import java.util.Objects;

/**
 * A message an order change sends: stored with the change itself (the order's outbox) and relayed
 * to its queue afterwards, so a change is never written without its message or the other way round.
 */
public record Outgoing(Queue queue, Object message) {

  public Outgoing {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(message, "message");
  }
}
