package io.orderflow.order;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of an order's append-only timeline: a status change or a tracking event. {@code
 * detail} holds plain values (strings, numbers, booleans, lists, maps) for display.
 */
public record TimelineEvent(Instant at, String type, OrderStatus status, Map<String, Object> detail) {

  public TimelineEvent {
    detail = detail == null ? Map.of() : Map.copyOf(detail);
  }

  public static TimelineEvent of(Instant at, String type, OrderStatus status) {
    return new TimelineEvent(at, type, status, Map.of());
  }
}
