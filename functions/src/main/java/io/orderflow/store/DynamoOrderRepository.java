package io.orderflow.store;

import static io.orderflow.store.Attributes.n;
import static io.orderflow.store.Attributes.s;
import static io.orderflow.store.OrderItemMapper.CREATED_AT;
import static io.orderflow.store.OrderItemMapper.CUSTOMER_ID;
import static io.orderflow.store.OrderItemMapper.EVENT_PREFIX;
import static io.orderflow.store.OrderItemMapper.ORDER_SK;
import static io.orderflow.store.OrderItemMapper.ORDER_STATUS;
import static io.orderflow.store.OrderItemMapper.PAYMENT_PREFIX;
import static io.orderflow.store.OrderItemMapper.TRACKING_NUMBER;
import static io.orderflow.store.OrderItemMapper.UPDATED_AT;
import static io.orderflow.store.OrderItemMapper.VERSION;

import io.orderflow.order.LedgerEntry;
import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Outgoing;
import io.orderflow.order.TimelineEvent;
import io.orderflow.platform.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Orders in the Orders table. Every write is one {@code TransactWriteItems}: the order item with
 * its optimistic-locking condition, the new timeline events and the new ledger entries succeed or
 * fail together, so a lost race leaves no trace.
 */
public final class DynamoOrderRepository implements OrderRepository {

  private static final Set<String> TABLE_KEY = Set.of(Table.PARTITION_KEY, Table.SORT_KEY);
  private static final String NOT_EXISTS = "attribute_not_exists(pk)";
  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
  private static final String TRANSACTION_CONFLICT = "TransactionConflict";

  private final DynamoDbClient dynamo;
  private final String table;
  private final OrderFunnel funnel;

  public DynamoOrderRepository(DynamoDbClient dynamo, String table) {
    this(dynamo, table, OrderFunnel.fromEnvironment());
  }

  public DynamoOrderRepository(DynamoDbClient dynamo, String table, OrderFunnel funnel) {
    this.dynamo = dynamo;
    this.table = table;
    this.funnel = funnel;
  }

  @Override
  public boolean create(Order order, List<TimelineEvent> events, List<Outgoing> outgoing) {
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(put(OrderItemMapper.orderItem(order), NOT_EXISTS, Map.of()));
    writes.addAll(appends(order, events, order.ledger().entries()));
    writes.addAll(outbox(order, outgoing));
    try {
      dynamo.transactWriteItems(b -> b.transactItems(writes));
      funnel.reached(order);
      return true;
    } catch (TransactionCanceledException e) {
      if (reason(e, 0).equals(CONDITIONAL_CHECK_FAILED)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<Order> find(String orderId) {
    return Optional.ofNullable(load(orderId));
  }

  @Override
  public void update(Order updated, List<TimelineEvent> events, List<Outgoing> outgoing) {
    long previous = updated.version() - 1;
    // The ledger entries to append are those the stored order lacks, so read it first; the write
    // below is still conditioned on the version, which settles any race since this read.
    Order stored = load(updated.orderId());
    if (stored == null || stored.version() != previous) {
      throw new ConcurrentModification(updated.orderId());
    }
    List<TransactWriteItem> writes = new ArrayList<>();
    writes.add(put(OrderItemMapper.orderItem(updated), "#version = :previous", Map.of(":previous", n(previous))));
    writes.addAll(appends(updated, events, updated.ledger().addedSince(stored.ledger())));
    writes.addAll(outbox(updated, outgoing));
    try {
      dynamo.transactWriteItems(b -> b.transactItems(writes));
    } catch (TransactionCanceledException e) {
      // A failed condition or a concurrent transaction on these items: another writer got there
      // first. The caller (OrderUpdater) re-reads and re-applies its change.
      boolean lostRace = e.cancellationReasons().stream()
          .map(CancellationReason::code)
          .anyMatch(code -> CONDITIONAL_CHECK_FAILED.equals(code) || TRANSACTION_CONFLICT.equals(code));
      if (lostRace) {
        throw new ConcurrentModification(updated.orderId());
      }
      throw e;
    }
    if (stored.status() != updated.status()) {
      funnel.reached(updated);
    }
  }

  @Override
  public List<TimelineEvent> timeline(String orderId) {
    QueryRequest request = QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(":pk", s(OrderItemMapper.partition(orderId)), ":prefix", s(EVENT_PREFIX)))
        .consistentRead(true)
        .build();
    return dynamo.queryPaginator(request).items().stream().map(OrderItemMapper::event).toList();
  }

  @Override
  public Page<Order> findByCustomer(String customerId, int limit, String cursor) {
    return page("byCustomer", CUSTOMER_ID, CREATED_AT, customerId, false, limit, cursor);
  }

  @Override
  public Page<Order> findByStatus(OrderStatus status, int limit, String cursor) {
    return page("byStatus", ORDER_STATUS, UPDATED_AT, status.name(), true, limit, cursor);
  }

  @Override
  public Optional<Order> findByTrackingNumber(String trackingNumber) {
    QueryResponse response = dynamo.query(b -> b.tableName(table)
        .indexName("byTracking")
        .keyConditionExpression("#tracking = :tracking")
        .expressionAttributeNames(Map.of("#tracking", TRACKING_NUMBER))
        .expressionAttributeValues(Map.of(":tracking", s(trackingNumber)))
        .limit(1));
    // The index is eventually consistent; the order itself is read strongly consistent.
    return response.items().stream().findFirst().flatMap(item -> find(Attributes.required(item, "orderId")));
  }

  /**
   * One page of an index, newest or oldest first. Asks for one item more than the page so that
   * the last page has no cursor (a client never fetches an empty page).
   */
  private Page<Order> page(
      String index, String partitionKey, String sortKey, String value, boolean ascending, int limit, String cursor) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    Set<String> keyAttributes = new LinkedHashSet<>(TABLE_KEY);
    keyAttributes.add(partitionKey);
    keyAttributes.add(sortKey);
    Map<String, AttributeValue> start = Cursors.startKey(cursor, keyAttributes, partitionKey, value);
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse response = dynamo.query(b -> b.tableName(table)
          .indexName(index)
          .keyConditionExpression("#key = :value")
          .expressionAttributeNames(Map.of("#key", partitionKey))
          .expressionAttributeValues(Map.of(":value", s(value)))
          .scanIndexForward(ascending)
          .exclusiveStartKey(from)
          .limit(limit + 1 - items.size()));
      items.addAll(response.items());
      start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    } while (start != null && items.size() <= limit);
    boolean more = items.size() > limit;
    List<Map<String, AttributeValue>> pageItems = more ? items.subList(0, limit) : items;
    List<Order> orders = pageItems.stream().map(this::withLedger).toList();
    return new Page<>(orders, more ? Cursors.after(pageItems.get(limit - 1), keyAttributes) : null);
  }

  /** An order item from an index, completed with its ledger entries (which live in their own items). */
  private Order withLedger(Map<String, AttributeValue> orderItem) {
    QueryRequest request = QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
        .expressionAttributeValues(Map.of(":pk", orderItem.get(Table.PARTITION_KEY), ":prefix", s(PAYMENT_PREFIX)))
        .build();
    return OrderItemMapper.order(orderItem, dynamo.queryPaginator(request).items().stream().toList());
  }

  /**
   * The order item and its ledger entries in one strongly consistent query. Sort keys order the
   * partition as {@code EVENT#… < ORDER < PAYMENT#… < RETURN#…}, so the range from {@code ORDER}
   * to {@code PAYMENT$} ('$' follows '#') holds exactly the order and its ledger, and no timeline.
   */
  private Order load(String orderId) {
    QueryRequest request = QueryRequest.builder()
        .tableName(table)
        .keyConditionExpression("pk = :pk AND sk BETWEEN :order AND :paymentsEnd")
        .expressionAttributeValues(Map.of(
            ":pk", s(OrderItemMapper.partition(orderId)),
            ":order", s(ORDER_SK),
            ":paymentsEnd", s(PAYMENT_PREFIX.replace('#', '$'))))
        .consistentRead(true)
        .build();
    Map<String, AttributeValue> orderItem = null;
    List<Map<String, AttributeValue>> payments = new ArrayList<>();
    for (Map<String, AttributeValue> item : dynamo.queryPaginator(request).items()) {
      String sortKey = item.get(Table.SORT_KEY).s();
      if (sortKey.equals(ORDER_SK)) {
        orderItem = item;
      } else if (sortKey.startsWith(PAYMENT_PREFIX)) {
        payments.add(item);
      }
    }
    return orderItem == null ? null : OrderItemMapper.order(orderItem, payments);
  }

  /** Puts of the new timeline events and ledger entries; each item is written once, never replaced. */
  private List<TransactWriteItem> appends(Order order, List<TimelineEvent> events, List<LedgerEntry> entries) {
    List<TransactWriteItem> writes = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      writes.add(put(OrderItemMapper.eventItem(order.orderId(), order.version(), i, events.get(i)), NOT_EXISTS, Map.of()));
    }
    for (LedgerEntry entry : entries) {
      writes.add(put(OrderItemMapper.paymentItem(order.orderId(), entry), NOT_EXISTS, Map.of()));
    }
    return writes;
  }

  private List<TransactWriteItem> outbox(Order order, List<Outgoing> outgoing) {
    List<TransactWriteItem> writes = new ArrayList<>();
    for (int i = 0; i < outgoing.size(); i++) {
      writes.add(put(OrderItemMapper.outboxItem(order, i, outgoing.get(i)), NOT_EXISTS, Map.of()));
    }
    return writes;
  }

  private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values) {
    Put.Builder put = Put.builder().tableName(table).item(item).conditionExpression(condition);
    if (!values.isEmpty()) {
      put.expressionAttributeNames(Map.of("#version", VERSION)).expressionAttributeValues(values);
    }
    return TransactWriteItem.builder().put(put.build()).build();
  }

  private static String reason(TransactionCanceledException e, int index) {
    return e.hasCancellationReasons() && e.cancellationReasons().size() > index
        ? String.valueOf(e.cancellationReasons().get(index).code())
        : "";
  }
}
