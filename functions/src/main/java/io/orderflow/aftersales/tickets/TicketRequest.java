package io.orderflow.aftersales.tickets;

import io.orderflow.idempotency.Idempotency;

/**
 * A ticket opened on the customer's behalf by the system (a delivery exception, a return that needs
 * manual review), published on the {@code aftersales-tickets} queue for the ticket router. {@code
 * requestId} names the cause (e.g. {@code delivery-exception-<orderId>}): a redelivered or repeated
 * request opens the same ticket once. {@code orderId} and {@code returnId} may be null.
 */
public record TicketRequest(
    String requestId, String customerId, String orderId, String returnId, TicketCategory category, String message) {

  /** The id of the ticket this request opens, known before the router has run. */
  public String ticketId() {
    return ticketIdFor(requestId);
  }

  public static String ticketIdFor(String requestId) {
    return "T-" + Idempotency.hash(requestId).substring(0, 20);
  }
}
