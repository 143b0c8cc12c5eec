package io.orderflow.store;

import static io.orderflow.store.Attributes.enumOrNull;
import static io.orderflow.store.Attributes.instantOrNull;
import static io.orderflow.store.Attributes.maps;
import static io.orderflow.store.Attributes.n;
import static io.orderflow.store.Attributes.number;
import static io.orderflow.store.Attributes.putIfPresent;
import static io.orderflow.store.Attributes.required;
import static io.orderflow.store.Attributes.s;
import static io.orderflow.store.Attributes.sOrNull;
import static io.orderflow.store.Attributes.string;

import io.orderflow.aftersales.tickets.Ticket;
import io.orderflow.aftersales.tickets.Ticket.Message;
import io.orderflow.aftersales.tickets.TicketCategory;
import io.orderflow.aftersales.tickets.TicketRepository;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Tickets in the Aftersales table: {@code pk=TICKET#<id>, sk=TICKET}, and one {@code pk=AGENT#<id>,
 * sk=LOAD} counter of open tickets per agent. A counter moves only in the transaction that opens or
 * resolves a ticket, so it always equals the agent's open tickets, and routing reads a handful of
 * counters instead of every ticket.
 */
public final class DynamoTicketRepository implements TicketRepository {

  private static final String TICKET_SK = "TICKET";
  private static final String LOAD_SK = "LOAD";
  private static final String OPEN = "openTickets";

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoTicketRepository(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public boolean create(Ticket ticket) {
    try {
      ConditionalWrites.transact(dynamo, List.of(
          ConditionalWrites.versioned(table, item(ticket), 0), countOpen(ticket.assignee(), 1)), ticket.ticketId());
      return true;
    } catch (ConcurrentModification e) {
      // The only condition is on the ticket: it exists (a repeated request), and nothing was stored.
      if (find(ticket.ticketId()).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<Ticket> find(String ticketId) {
    Map<String, AttributeValue> item =
        dynamo.getItem(b -> b.tableName(table).key(key(ticketId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ticket(item));
  }

  @Override
  public void update(Ticket updated) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(ConditionalWrites.versioned(table, item(updated), updated.version() - 1));
    Ticket stored = find(updated.ticketId()).orElse(null);
    if (stored != null && stored.status() == Ticket.Status.OPEN && updated.status() == Ticket.Status.RESOLVED) {
      // The version condition above settles any race since this read: both writes or neither.
      writes.add(countOpen(updated.assignee(), -1));
    }
    ConditionalWrites.transact(dynamo, writes, updated.ticketId());
  }

  @Override
  public Map<String, Integer> openTickets(Collection<String> agentIds) {
    Map<String, Integer> load = new LinkedHashMap<>();
    agentIds.forEach(agent -> load.put(agent, 0));
    List<Map<String, AttributeValue>> keys =
        new LinkedHashSet<>(agentIds).stream().map(DynamoTicketRepository::agentKey).toList();
    for (Map<String, AttributeValue> counter : BatchReads.get(dynamo, table, keys, true)) {
      load.put(required(counter, "agentId"), (int) number(counter, OPEN));
    }
    return load;
  }

  private TransactWriteItem countOpen(String agent, int delta) {
    return TransactWriteItem.builder().update(Update.builder()
        .tableName(table)
        .key(agentKey(agent))
        .updateExpression("SET agentId = :agent ADD " + OPEN + " :delta")
        .expressionAttributeValues(Map.of(":agent", s(agent), ":delta", n(delta)))
        .build()).build();
  }

  private static Map<String, AttributeValue> key(String ticketId) {
    return Map.of("pk", s("TICKET#" + ticketId), "sk", s(TICKET_SK));
  }

  private static Map<String, AttributeValue> agentKey(String agentId) {
    return Map.of("pk", s("AGENT#" + agentId), "sk", s(LOAD_SK));
  }

  private static Map<String, AttributeValue> item(Ticket t) {
    Map<String, AttributeValue> item = new HashMap<>(key(t.ticketId()));
    item.put("ticketId", s(t.ticketId()));
    item.put("ticketCustomerId", s(t.customerId()));
    putIfPresent(item, "ticketOrderId", sOrNull(t.orderId()));
    putIfPresent(item, "returnId", sOrNull(t.returnId()));
    item.put("category", s(t.category().name()));
    item.put("ticketStatus", s(t.status().name()));
    putIfPresent(item, "assignee", sOrNull(t.assignee()));
    item.put("messages", AttributeValue.fromL(t.messages().stream().map(DynamoTicketRepository::message).toList()));
    putIfPresent(item, "openedAt", Attributes.instantOrNull(t.openedAt()));
    putIfPresent(item, "firstResponseAt", Attributes.instantOrNull(t.firstResponseAt()));
    putIfPresent(item, "resolvedAt", Attributes.instantOrNull(t.resolvedAt()));
    item.put(ConditionalWrites.VERSION, n(t.version()));
    return item;
  }

  private static Ticket ticket(Map<String, AttributeValue> item) {
    return new Ticket(
        required(item, "ticketId"),
        required(item, "ticketCustomerId"),
        string(item, "ticketOrderId"),
        string(item, "returnId"),
        TicketCategory.valueOf(required(item, "category")),
        Ticket.Status.valueOf(required(item, "ticketStatus")),
        string(item, "assignee"),
        maps(item, "messages").stream().map(DynamoTicketRepository::message).toList(),
        instantOrNull(item, "openedAt"),
        instantOrNull(item, "firstResponseAt"),
        instantOrNull(item, "resolvedAt"),
        number(item, ConditionalWrites.VERSION));
  }

  private static AttributeValue message(Message message) {
    Map<String, AttributeValue> map = new LinkedHashMap<>();
    map.put("from", s(message.from().name()));
    putIfPresent(map, "author", sOrNull(message.author()));
    putIfPresent(map, "text", sOrNull(message.text()));
    putIfPresent(map, "at", Attributes.instantOrNull(message.at()));
    return AttributeValue.fromM(map);
  }

  private static Message message(Map<String, AttributeValue> map) {
    return new Message(enumOrNull(map, "from", Message.From.class), string(map, "author"), string(map, "text"),
        instantOrNull(map, "at"));
  }
}
