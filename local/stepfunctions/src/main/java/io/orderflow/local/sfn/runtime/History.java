package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only event list of one execution. Once the terminal event (ExecutionSucceeded,
 * ...Failed, ...Aborted, ...TimedOut) is in, later events from work still winding down are
 * dropped, so the history always ends with exactly one terminal event.
 */
final class History {

  private final List<HistoryEvent> events;
  private boolean closed;

  /** A history that goes on from {@code earlier} (empty for a new execution), or one that ended with it. */
  History(List<HistoryEvent> earlier, boolean closed) {
    this.events = new ArrayList<>(earlier);
    this.closed = closed;
  }

  /** Appends an event; returns its id, or -1 if the history is already closed. */
  synchronized long add(String type, long previousEventId, Instant at, ObjectNode details, boolean terminal) {
    if (closed) {
      return -1;
    }
    long id = events.size() + 1;
    events.add(new HistoryEvent(id, previousEventId, at, type, details));
    closed = terminal;
    return id;
  }

  /** A redrive goes on after the terminal event: the history is open again for what follows. */
  synchronized void reopen() {
    closed = false;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  synchronized int size() {
    return events.size();
  }

  synchronized List<HistoryEvent> snapshot() {
    return List.copyOf(events);
  }
}
