package io.orderflow.local.sfn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One execution history event as GetExecutionHistory returns it. {@code details} is the content
 * of the event's details member (e.g. {@code stateEnteredEventDetails}), or null for events
 * without details (e.g. ParallelStateStarted); {@link #detailsMember()} names that member.
 */
public record HistoryEvent(
    long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {

  /** The API member holding the details: TaskStateEntered → stateEnteredEventDetails, etc. */
  public String detailsMember() {
    return detailsMember(type);
  }

  public static String detailsMember(String type) {
    if (type.endsWith("StateEntered")) {
      return "stateEnteredEventDetails";
    }
    if (type.endsWith("StateExited")) {
      return "stateExitedEventDetails";
    }
    return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
  }
}
