package io.orderflow.order;

import java.util.Map;

/** A message to the customer, sent through the notifications queue (email, SMS, push). */
public record Notification(String orderId, String customerId, String type, Map<String, Object> data) {

  public Notification {
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
