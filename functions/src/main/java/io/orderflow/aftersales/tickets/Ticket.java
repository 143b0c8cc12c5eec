package io.orderflow.aftersales.tickets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A customer-service conversation: who opened it and about what, the agent it was routed to, the
 * messages both sides wrote, and when the customer first got an answer. Immutable, versioned like
 * the other aggregates.
 */
public record Ticket(
    String ticketId,
    String customerId,
    String orderId,
    String returnId,
    TicketCategory category,
    Status status,
    String assignee,
    List<Message> messages,
    Instant openedAt,
    Instant firstResponseAt,
    Instant resolvedAt,
    long version) {

  public enum Status {
    OPEN,
    RESOLVED
  }

  /** One message; {@code from} says which side wrote it. */
  public record Message(From from, String author, String text, Instant at) {
    public enum From {
      CUSTOMER,
      AGENT,
      /** Written by orderflow itself, e.g. the delivery exception that opened the ticket. */
      SYSTEM
    }
  }

  public Ticket {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(status, "status");
    messages = List.copyOf(messages);
  }

  public static Ticket open(String ticketId, String customerId, String orderId, String returnId,
      TicketCategory category, Message first, String assignee, Instant now) {
    return new Ticket(ticketId, customerId, orderId, returnId, category, Status.OPEN, assignee, List.of(first),
        now, null, null, 1);
  }

  /** An agent answers; the first answer fixes the first-response time. */
  public Ticket reply(String agent, String text, Instant now) {
    List<Message> next = new ArrayList<>(messages);
    next.add(new Message(Message.From.AGENT, agent, text, now));
    return new Ticket(ticketId, customerId, orderId, returnId, category, status, assignee, next, openedAt,
        firstResponseAt == null ? now : firstResponseAt, resolvedAt, version + 1);
  }

  public Ticket resolve(Instant now) {
    return new Ticket(ticketId, customerId, orderId, returnId, category, Status.RESOLVED, assignee, messages,
        openedAt, firstResponseAt, now, version + 1);
  }

  /** Time to the first agent answer, or null while nobody answered. */
  public Duration firstResponseTime() {
    return firstResponseAt == null ? null : Duration.between(openedAt, firstResponseAt);
  }

  public boolean belongsTo(String customer) {
    return customerId.equals(customer);
  }
}
