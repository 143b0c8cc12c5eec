package io.orderflow.aftersales;

import io.orderflow.aftersales.tickets.Ticket;
import io.orderflow.aftersales.tickets.Ticket.Message;
import io.orderflow.aftersales.tickets.TicketCategory;
import java.time.Instant;
import java.util.List;

/** A ticket with its conversation, as the customer (and ops) read it. */
record TicketView(
    String ticketId,
    String orderId,
    String returnId,
    TicketCategory category,
    Ticket.Status status,
    String assignee,
    List<Message> messages,
    Instant openedAt,
    Instant resolvedAt) {

  static TicketView of(Ticket t) {
    return new TicketView(t.ticketId(), t.orderId(), t.returnId(), t.category(), t.status(), t.assignee(),
        t.messages(), t.openedAt(), t.resolvedAt());
  }

  /** The answer to a new ticket: API.md promises the id, status and assignee. */
  record Opened(String ticketId, Ticket.Status status, String assignee) {}
}
