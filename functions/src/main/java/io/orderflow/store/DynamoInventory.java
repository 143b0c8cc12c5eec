package io.orderflow.store;

import static io.orderflow.store.Attributes.n;
import static io.orderflow.store.Attributes.s;

import io.orderflow.platform.Table;
import io.orderflow.reserve.HoldLimit;
import io.orderflow.reserve.HoldLimitReached;
import io.orderflow.reserve.Inventory;
import io.orderflow.reserve.OutOfStock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Stock in the Inventory table: {@code pk=SKU#<sku>} with {@code sk=STOCK} (available, reserved, shipped),
 * one {@code sk=RESERVATION#<orderId>} per reserving order (quantity, customerId, {@code expiresAt} TTL)
 * and one {@code sk=HOLDER#<customerId>} per customer who reserved it ({@code held}: the units of the
 * customer's reservations that still exist, changed in the same transactions as they are).
 * Counters only move inside transactions whose conditions make overselling impossible: a
 * reservation never takes more than is available, and a reservation item is created and deleted
 * together with the counter change it stands for. The one deletion outside a transaction is
 * DynamoDB's own, at the TTL; its counter change follows from the table's stream ({@link
 * #returnExpired}), marked by a {@code sk=EXPIRED#<orderId>} item so it happens once.
 */
public final class DynamoInventory implements Inventory {

  /** A transaction allows 100 actions; each SKU takes two (counter update, reservation put) or, counting a holder, three. */
  private static final int ACTIONS_PER_TRANSACTION = 100;

  private static final String STOCK_SK = "STOCK";
  private static final String RESERVATION_PREFIX = Table.RESERVATION_PREFIX;
  private static final String EXPIRED_PREFIX = "EXPIRED#";
  private static final String HOLDER_PREFIX = "HOLDER#";
  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";
  private static final Set<String> RETRYABLE = Set.of("TransactionConflict", "ThrottlingError");

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoInventory(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  /**
   * Reserves all SKUs in one transaction. An order with more distinct SKUs than fit in one (50,
   * or 33 counting the customer's holds) reserves in several; if a later one finds a SKU short or
   * over the customer's limit, the earlier ones are released again, and the order still ends all
   * or nothing.
   */
  @Override
  public void reserve(
      String orderId, String customerId, Map<String, Integer> quantities, Instant expiresAt, HoldLimit limit) {
    quantities.forEach((sku, quantity) -> {
      if (quantity == null || quantity < 1) {
        throw new IllegalArgumentException("cannot reserve " + quantity + " of " + sku);
      }
    });
    Holder holder = customerId == null ? null : new Holder(customerId, limit);
    // Sorted, so that a retry cuts the same chunks and recognises the ones it already reserved.
    SortedMap<String, Integer> sorted = new TreeMap<>(quantities);
    List<String> skus = List.copyOf(sorted.keySet());
    int skusPerTransaction = ACTIONS_PER_TRANSACTION / (holder == null ? 2 : 3);
    for (int from = 0; from < skus.size(); from += skusPerTransaction) {
      int to = Math.min(skus.size(), from + skusPerTransaction);
      Refusal refusal = reserveAtomically(orderId, holder, skus.subList(from, to), sorted, expiresAt);
      if (!refusal.shortSkus().isEmpty()) {
        List<String> allShort = new ArrayList<>(refusal.shortSkus());
        allShort.addAll(shortAmong(skus.subList(to, skus.size()), sorted));
        release(orderId, skus.subList(0, from));
        throw new OutOfStock(allShort);
      }
      if (!refusal.overLimitSkus().isEmpty()) {
        release(orderId, skus.subList(0, from));
        throw new HoldLimitReached(refusal.overLimitSkus());
      }
    }
  }

  @Override
  public Map<String, Integer> held(String customerId, Collection<String> skus) {
    List<Map<String, AttributeValue>> keys = skus.stream().distinct().map(sku -> holderKey(sku, customerId)).toList();
    Map<String, Integer> held = new HashMap<>();
    for (Map<String, AttributeValue> item : BatchReads.get(dynamo, table, keys, true)) {
      held.put(Attributes.required(item, "sku"), (int) Attributes.number(item, "held"));
    }
    skus.forEach(sku -> held.putIfAbsent(sku, 0));
    return held;
  }

  @Override
  public boolean release(String orderId, Iterable<String> skus) {
    return settle(orderId, skus, "SET available = available + :q, reserved = reserved - :q", Map.of());
  }

  @Override
  public boolean commit(String orderId, Iterable<String> skus) {
    // Shipped units stay on the books, so available + reserved + shipped always adds up to what came in.
    return settle(orderId, skus, "SET reserved = reserved - :q, shipped = if_not_exists(shipped, :zero) + :q",
        Map.of(":zero", n(0)));
  }

  /**
   * One transaction: the EXPIRED marker (only if absent) and the counter change. A reservation
   * item exists once and is removed either by a release or commit (which move the counters
   * themselves) or by the TTL, so {@code reserved} always still holds these units here.
   */
  @Override
  public boolean returnExpired(String orderId, String customerId, String sku, int quantity) {
    if (quantity < 1) {
      throw new IllegalArgumentException("cannot return " + quantity + " of " + sku);
    }
    Map<String, AttributeValue> marker = new HashMap<>(Map.of("pk", s("SKU#" + sku), "sk", s(EXPIRED_PREFIX + orderId)));
    marker.put("sku", s(sku));
    marker.put("orderId", s(orderId));
    marker.put("quantity", n(quantity));
    List<TransactWriteItem> writes = new ArrayList<>(List.of(
        TransactWriteItem.builder()
            .put(p -> p.tableName(table).item(marker).conditionExpression("attribute_not_exists(pk)"))
            .build(),
        TransactWriteItem.builder()
            .update(u -> u.tableName(table)
                .key(stockKey(sku))
                .updateExpression("SET available = available + :q, reserved = reserved - :q")
                .conditionExpression("reserved >= :q")
                .expressionAttributeValues(Map.of(":q", n(quantity))))
            .build()));
    if (customerId != null) {
      writes.add(releaseHold(sku, customerId, quantity));
    }
    try {
      transact(writes);
      return true;
    } catch (TransactionCanceledException e) {
      if (failedCondition(e.cancellationReasons(), 0)) {
        return false; // returned by an earlier delivery of the same stream record
      }
      if (failedCondition(e.cancellationReasons(), 1)) {
        // No retry can fix this; the record ends in the stream's failure queue for a person.
        throw new IllegalStateException(sku + " counts fewer than " + quantity + " reserved units, or has no stock"
            + " item: the expired reservation of order " + orderId + " cannot be given back", e);
      }
      throw e;
    }
  }

  @Override
  public StockLevel level(String sku) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(stockKey(sku)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? new StockLevel(sku, 0, 0) : stockLevel(sku, item);
  }

  @Override
  public StockLevel setAvailable(String sku, int available) {
    if (available < 0) {
      throw new IllegalArgumentException("available cannot be negative: " + available);
    }
    return updateStock(sku, "SET available = :q, reserved = if_not_exists(reserved, :zero), sku = :sku", available);
  }

  @Override
  public StockLevel restock(String sku, int quantity) {
    if (quantity < 1) {
      throw new IllegalArgumentException("restock quantity must be positive: " + quantity);
    }
    return updateStock(sku, "SET reserved = if_not_exists(reserved, :zero), sku = :sku ADD available :q", quantity);
  }

  /** Whose holds a reservation counts, and up to what. */
  private record Holder(String customerId, HoldLimit limit) {}

  /** Why a transaction reserved nothing: SKUs short of stock, SKUs over the customer's limit. */
  private record Refusal(List<String> shortSkus, List<String> overLimitSkus) {
    static final Refusal NONE = new Refusal(List.of(), List.of());
  }

  /**
   * One transaction: per SKU take the units from available (if enough are there), record the
   * reservation (if this order has none yet) and add them to the customer's held units (if that
   * stays within the limit). Refuses nothing when reserved, now or by an earlier attempt of the
   * same order.
   */
  private Refusal reserveAtomically(
      String orderId, Holder holder, List<String> skus, Map<String, Integer> quantities, Instant expiresAt) {
    int actionsPerSku = holder == null ? 2 : 3;
    List<TransactWriteItem> writes = new ArrayList<>();
    for (String sku : skus) {
      Map<String, AttributeValue> values = Map.of(":q", n(quantities.get(sku)), ":zero", n(0));
      writes.add(TransactWriteItem.builder().update(u -> u.tableName(table)
              .key(stockKey(sku))
              .updateExpression("SET available = available - :q, reserved = if_not_exists(reserved, :zero) + :q")
              .conditionExpression("available >= :q")
              .expressionAttributeValues(values))
          .build());
      Map<String, AttributeValue> reservation = new HashMap<>(reservationKey(sku, orderId));
      reservation.put("sku", s(sku));
      reservation.put("orderId", s(orderId));
      reservation.put("quantity", n(quantities.get(sku)));
      if (expiresAt != null) {
        reservation.put("expiresAt", n(expiresAt.getEpochSecond()));
      }
      if (holder != null) {
        reservation.put("customerId", s(holder.customerId()));
      }
      writes.add(TransactWriteItem.builder()
          .put(p -> p.tableName(table).item(reservation).conditionExpression("attribute_not_exists(pk)"))
          .build());
      if (holder != null) {
        writes.add(takeHold(sku, holder, quantities.get(sku)));
      }
    }
    try {
      transact(writes);
      return Refusal.NONE;
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.cancellationReasons();
      List<String> shortSkus = new ArrayList<>();
      List<String> overLimitSkus = new ArrayList<>();
      for (int i = 0; i < skus.size(); i++) {
        if (failedCondition(reasons, actionsPerSku * i + 1)) {
          return Refusal.NONE; // the reservation exists: this is a retry of a reservation that succeeded
        }
        if (failedCondition(reasons, actionsPerSku * i)) {
          shortSkus.add(skus.get(i)); // not enough available, or no stock item at all
        }
        if (holder != null && failedCondition(reasons, actionsPerSku * i + 2)) {
          overLimitSkus.add(skus.get(i));
        }
      }
      if (shortSkus.isEmpty() && overLimitSkus.isEmpty()) {
        throw e;
      }
      return new Refusal(shortSkus, overLimitSkus);
    }
  }

  /**
   * The customer's held units of {@code sku} grow by {@code quantity}, on condition that they stay
   * within the limit (DynamoDB conditions cannot add, so the room left is computed here). Without a
   * limit the counter still counts, so a limit switched on later finds it right.
   */
  private TransactWriteItem takeHold(String sku, Holder holder, int quantity) {
    Map<String, AttributeValue> values = new HashMap<>(Map.of(
        ":q", n(quantity), ":zero", n(0), ":sku", s(sku), ":customer", s(holder.customerId())));
    String condition = null;
    if (holder.limit() != null) {
      // A quantity above the limit on its own can never fit: a room below zero fails even a first hold.
      int room = holder.limit().maxHeldPerSku() - quantity;
      values.put(":room", n(room));
      condition = room < 0 ? "held <= :room" : "attribute_not_exists(held) OR held <= :room";
    }
    String conditionExpression = condition;
    return TransactWriteItem.builder().update(u -> u.tableName(table)
            .key(holderKey(sku, holder.customerId()))
            .updateExpression("SET held = if_not_exists(held, :zero) + :q, sku = :sku, customerId = :customer")
            .conditionExpression(conditionExpression)
            .expressionAttributeValues(values))
        .build();
  }

  /** The customer's held units of {@code sku} shrink by {@code quantity}: their reservation ended. */
  private TransactWriteItem releaseHold(String sku, String customerId, long quantity) {
    return TransactWriteItem.builder().update(u -> u.tableName(table)
            .key(holderKey(sku, customerId))
            .updateExpression("ADD held :minus")
            .expressionAttributeValues(Map.of(":minus", n(-quantity))))
        .build();
  }

  /** The SKUs among {@code skus} that are short now; only to complete an OutOfStock report. */
  private List<String> shortAmong(List<String> skus, Map<String, Integer> quantities) {
    if (skus.isEmpty()) {
      return List.of();
    }
    Map<String, Long> available = new HashMap<>();
    for (Map<String, AttributeValue> item : BatchReads.get(dynamo, table, skus.stream().map(DynamoInventory::stockKey).toList(), true)) {
      available.put(Attributes.required(item, "sku"), Attributes.number(item, "available"));
    }
    return skus.stream().filter(sku -> available.getOrDefault(sku, 0L) < quantities.get(sku)).toList();
  }

  /**
   * Ends the order's reservations, applying {@code stockUpdate} with each one's quantity. The
   * quantities are read first (a reservation never changes once written); each SKU then deletes its
   * reservation on condition that it still exists, so a repeated release changes nothing.
   */
  private boolean settle(
      String orderId, Iterable<String> skus, String stockUpdate, Map<String, AttributeValue> moreValues) {
    Set<String> distinct = new LinkedHashSet<>();
    skus.forEach(distinct::add);
    List<Map<String, AttributeValue>> keys = distinct.stream().map(sku -> reservationKey(sku, orderId)).toList();
    boolean settled = false;
    for (Map<String, AttributeValue> reservation : BatchReads.get(dynamo, table, keys, true)) {
      String sku = Attributes.required(reservation, "sku");
      Map<String, AttributeValue> values = new HashMap<>(moreValues);
      values.put(":q", reservation.get("quantity"));
      List<TransactWriteItem> writes = new ArrayList<>(List.of(
          TransactWriteItem.builder()
              .delete(d -> d.tableName(table).key(reservationKey(sku, orderId)).conditionExpression("attribute_exists(pk)"))
              .build(),
          TransactWriteItem.builder()
              .update(u -> u.tableName(table)
                  .key(stockKey(sku))
                  .updateExpression(stockUpdate)
                  .expressionAttributeValues(values))
              .build()));
      String customerId = reservation.containsKey("customerId") ? Attributes.required(reservation, "customerId") : null;
      if (customerId != null) {
        // A reservation made before holds were counted has no customer and counted nothing.
        writes.add(releaseHold(sku, customerId, Attributes.number(reservation, "quantity")));
      }
      try {
        transact(writes);
        settled = true;
      } catch (TransactionCanceledException e) {
        if (!failedCondition(e.cancellationReasons(), 0)) {
          throw e;
        }
        // Another release or commit of this order took the reservation first.
      }
    }
    return settled;
  }

  /**
   * Runs a transaction, repeating it while it only collides with concurrent transactions on the
   * same items (hot SKUs do). A failed condition is a decision, not contention: it is thrown.
   */
  private void transact(List<TransactWriteItem> writes) {
    for (int attempt = 1; ; attempt++) {
      try {
        dynamo.transactWriteItems(b -> b.transactItems(writes));
        return;
      } catch (TransactionCanceledException e) {
        boolean contention = e.hasCancellationReasons()
            && e.cancellationReasons().stream().anyMatch(r -> RETRYABLE.contains(r.code()))
            && e.cancellationReasons().stream().noneMatch(r -> CONDITIONAL_CHECK_FAILED.equals(r.code()));
        if (!contention || attempt == Backoff.MAX_ATTEMPTS) {
          throw e;
        }
        Backoff.pause(attempt);
      }
    }
  }

  private StockLevel updateStock(String sku, String expression, int quantity) {
    Map<String, AttributeValue> item = dynamo.updateItem(b -> b.tableName(table)
            .key(stockKey(sku))
            .updateExpression(expression)
            .expressionAttributeValues(Map.of(":q", n(quantity), ":zero", n(0), ":sku", s(sku)))
            .returnValues(ReturnValue.ALL_NEW))
        .attributes();
    return stockLevel(sku, item);
  }

  private static boolean failedCondition(List<CancellationReason> reasons, int index) {
    return reasons.size() > index && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
  }

  private static StockLevel stockLevel(String sku, Map<String, AttributeValue> item) {
    int shipped = item.containsKey("shipped") ? (int) Attributes.number(item, "shipped") : 0;
    return new StockLevel(
        sku, (int) Attributes.number(item, "available"), (int) Attributes.number(item, "reserved"), shipped);
  }

  private static Map<String, AttributeValue> stockKey(String sku) {
    return Map.of("pk", s("SKU#" + sku), "sk", s(STOCK_SK));
  }

  private static Map<String, AttributeValue> holderKey(String sku, String customerId) {
    return Map.of("pk", s("SKU#" + sku), "sk", s(HOLDER_PREFIX + customerId));
  }

  private static Map<String, AttributeValue> reservationKey(String sku, String orderId) {
    return Map.of("pk", s("SKU#" + sku), "sk", s(RESERVATION_PREFIX + orderId));
  }
}
