package io.orderflow.aftersales.tickets;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Port: tickets and each agent's count of open tickets (the load routing balances). Updates are
 * conditional on the version, like every aggregate here.
 */
public interface TicketRepository {

  /**
   * Stores a new ticket and counts it against its assignee, all or nothing. Returns false, storing
   * nothing, if a ticket with that id exists.
   */
  boolean create(Ticket ticket);

  Optional<Ticket> find(String ticketId);

  /**
   * Stores {@code updated} if the stored ticket still has {@code updated.version() - 1}; a ticket
   * that becomes RESOLVED stops counting against its assignee in the same write.
   *
   * @throws io.orderflow.order.OrderRepository.ConcurrentModification if another writer got there first
   */
  void update(Ticket updated);

  /** Open tickets per agent, for the given agents (0 for an agent without any). */
  Map<String, Integer> openTickets(Collection<String> agentIds);
}
