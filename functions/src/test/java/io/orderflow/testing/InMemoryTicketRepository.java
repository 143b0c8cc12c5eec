package io.orderflow.testing;

import io.orderflow.aftersales.tickets.Ticket;
import io.orderflow.aftersales.tickets.TicketRepository;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Tickets in memory; open tickets per agent are counted from the tickets themselves. */
public final class InMemoryTicketRepository implements TicketRepository {

  private final Map<String, Ticket> tickets = new HashMap<>();

  @Override
  public synchronized boolean create(Ticket ticket) {
    return tickets.putIfAbsent(ticket.ticketId(), ticket) == null;
  }

  @Override
  public synchronized Optional<Ticket> find(String ticketId) {
    return Optional.ofNullable(tickets.get(ticketId));
  }

  @Override
  public synchronized void update(Ticket updated) {
    Ticket stored = tickets.get(updated.ticketId());
    if (stored == null || stored.version() != updated.version() - 1) {
      throw new ConcurrentModification(updated.ticketId());
    }
    tickets.put(updated.ticketId(), updated);
  }

  @Override
  public synchronized Map<String, Integer> openTickets(Collection<String> agentIds) {
    Map<String, Integer> load = new LinkedHashMap<>();
    agentIds.forEach(agent -> load.put(agent, 0));
    tickets.values().stream()
        .filter(t -> t.status() == Ticket.Status.OPEN && load.containsKey(t.assignee()))
        .forEach(t -> load.merge(t.assignee(), 1, Integer::sum));
    return load;
  }
}
