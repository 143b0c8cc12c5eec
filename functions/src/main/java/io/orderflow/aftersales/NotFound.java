package io.orderflow.aftersales;

/**
 * No such order, return or ticket, or it belongs to another customer: answered alike (404), so
 * existence is never revealed.
 */
public class NotFound extends RuntimeException {
  public NotFound(String message) {
    super(message);
  }
}
