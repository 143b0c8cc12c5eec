package io.orderflow.aftersales.tickets;

import io.orderflow.aftersales.Conflict;
import io.orderflow.aftersales.NotFound;
import io.orderflow.aftersales.tickets.Ticket.Message;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Customer service: opens tickets and routes each to the least-loaded agent who handles its
 * category (ties go to the agent listed first), lets agents reply and resolve, and shows a
 * customer only their own tickets.
 */
public final class TicketDesk {

  private static final int ATTEMPTS = 8;

  private final TicketRepository tickets;
  private final Agents agents;
  private final Clock clock;
  private final TicketQuota quota;

  public TicketDesk(TicketRepository tickets, Agents agents, Clock clock) {
    this(tickets, agents, clock, TicketQuota.UNLIMITED);
  }

  public TicketDesk(TicketRepository tickets, Agents agents, Clock clock, TicketQuota quota) {
    this.tickets = tickets;
    this.agents = agents;
    this.clock = clock;
    this.quota = quota;
  }

  /**
   * A customer opens a ticket (POST /tickets); the order, if any, was checked to be theirs.
   *
   * @throws TicketQuota.TooManyTickets if the customer used up this minute's quota
   */
  public Ticket open(String customerId, String orderId, TicketCategory category, String message) {
    quota.take(customerId, clock.instant());
    return open(UUID.randomUUID().toString(), customerId, orderId, null, category,
        new Message(Message.From.CUSTOMER, customerId, message, clock.instant()));
  }

  /** The system opens a ticket (from the aftersales-tickets queue); once per request id. */
  public Ticket open(TicketRequest request) {
    return tickets.find(request.ticketId()).orElseGet(() -> open(request.ticketId(), request.customerId(),
        request.orderId(), request.returnId(), request.category(),
        new Message(Message.From.SYSTEM, "orderflow", request.message(), clock.instant())));
  }

  /** The customer's own ticket; another customer's is not found. */
  public Ticket findFor(String customerId, String ticketId) {
    return tickets.find(ticketId).filter(t -> t.belongsTo(customerId))
        .orElseThrow(() -> new NotFound("no ticket " + ticketId));
  }

  public Ticket find(String ticketId) {
    return tickets.find(ticketId).orElseThrow(() -> new NotFound("no ticket " + ticketId));
  }

  public Ticket reply(String ticketId, String agent, String message) {
    return change(ticketId, t -> {
      if (t.status() == Ticket.Status.RESOLVED) {
        throw new Conflict("ticket " + ticketId + " is resolved");
      }
      return t.reply(agent, message, clock.instant());
    });
  }

  /** Resolves the ticket; resolving a resolved ticket changes nothing. */
  public Ticket resolve(String ticketId) {
    return change(ticketId, t -> t.status() == Ticket.Status.RESOLVED ? t : t.resolve(clock.instant()));
  }

  private Ticket open(String ticketId, String customerId, String orderId, String returnId, TicketCategory category,
      Message first) {
    Ticket ticket = Ticket.open(ticketId, customerId, orderId, returnId, category, first, leastLoaded(category),
        clock.instant());
    return tickets.create(ticket) ? ticket : find(ticketId);
  }

  /**
   * Two tickets routed at the same moment may both pick the same agent; the counts stay exact, and
   * the next ticket evens the load out.
   */
  private String leastLoaded(TicketCategory category) {
    List<String> eligible = agents.handling(category);
    Map<String, Integer> load = tickets.openTickets(eligible);
    return eligible.stream().min(Comparator.comparingInt(agent -> load.getOrDefault(agent, 0))).orElseThrow();
  }

  private Ticket change(String ticketId, UnaryOperator<Ticket> change) {
    for (int attempt = 1; ; attempt++) {
      Ticket current = find(ticketId);
      Ticket next = change.apply(current);
      if (next == current) {
        return current;
      }
      try {
        tickets.update(next);
        return next;
      } catch (ConcurrentModification e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
