package io.orderflow.testing;

import io.orderflow.reserve.HoldLimit;
import io.orderflow.reserve.HoldLimitReached;
import io.orderflow.reserve.Inventory;
import io.orderflow.reserve.OutOfStock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Stock in memory; one lock stands in for DynamoDB's transactions. */
public final class InMemoryInventory implements Inventory {

  private final Map<String, int[]> stock = new HashMap<>();
  private final Map<String, Map<String, Integer>> reservations = new HashMap<>();
  private final Set<String> expired = new HashSet<>();
  private final Map<String, Instant> expiries = new HashMap<>();
  /** Held units per customerId + "#" + sku; the customer of each order that counted its units. */
  private final Map<String, Integer> held = new HashMap<>();
  private final Map<String, String> holders = new HashMap<>();

  @Override
  public synchronized void reserve(
      String orderId, String customerId, Map<String, Integer> quantities, Instant expiresAt, HoldLimit limit) {
    if (reservations.containsKey(orderId)) {
      return;
    }
    List<String> short_ = new ArrayList<>();
    quantities.forEach((sku, quantity) -> {
      int[] level = stock.get(sku);
      if (level == null || level[0] < quantity) {
        short_.add(sku);
      }
    });
    if (!short_.isEmpty()) {
      throw new OutOfStock(short_);
    }
    if (customerId != null && limit != null) {
      List<String> overLimit = limit.exceededBy(quantities, held(customerId, quantities.keySet()));
      if (!overLimit.isEmpty()) {
        throw new HoldLimitReached(overLimit);
      }
    }
    if (customerId != null) {
      holders.put(orderId, customerId);
      quantities.forEach((sku, quantity) -> held.merge(customerId + "#" + sku, quantity, Integer::sum));
    }
    quantities.forEach((sku, quantity) -> {
      int[] level = stock.get(sku);
      level[0] -= quantity;
      level[1] += quantity;
    });
    reservations.put(orderId, new HashMap<>(quantities));
    expiries.put(orderId, expiresAt);
  }

  @Override
  public synchronized Map<String, Integer> held(String customerId, Collection<String> skus) {
    Map<String, Integer> result = new HashMap<>();
    skus.forEach(sku -> result.put(sku, held.getOrDefault(customerId + "#" + sku, 0)));
    return result;
  }

  /** The reservation of {@code sku} by {@code orderId} ended: its units leave its customer's count. */
  private void releaseHold(String orderId, String sku, int quantity) {
    String customerId = holders.get(orderId);
    if (customerId != null) {
      held.merge(customerId + "#" + sku, -quantity, Integer::sum);
    }
  }

  /** When the order's reservation expires, as reserved. */
  public synchronized Instant expiresAt(String orderId) {
    return expiries.get(orderId);
  }

  @Override
  public synchronized boolean release(String orderId, Iterable<String> skus) {
    Map<String, Integer> reserved = reservations.remove(orderId);
    if (reserved == null) {
      return false;
    }
    reserved.forEach((sku, quantity) -> {
      int[] level = stock.get(sku);
      level[0] += quantity;
      level[1] -= quantity;
      releaseHold(orderId, sku, quantity);
    });
    return true;
  }

  @Override
  public synchronized boolean commit(String orderId, Iterable<String> skus) {
    Map<String, Integer> reserved = reservations.remove(orderId);
    if (reserved == null) {
      return false;
    }
    reserved.forEach((sku, quantity) -> {
      int[] level = stock.get(sku);
      level[1] -= quantity;
      level[2] += quantity;
      releaseHold(orderId, sku, quantity);
    });
    return true;
  }

  @Override
  public synchronized boolean returnExpired(String orderId, String customerId, String sku, int quantity) {
    if (!expired.add(orderId + "#" + sku)) {
      return false;
    }
    if (customerId != null) {
      held.merge(customerId + "#" + sku, -quantity, Integer::sum);
    }
    Map<String, Integer> reserved = reservations.get(orderId);
    if (reserved != null) {
      // What the store's TTL did: the reservation is gone, its units still counted as reserved.
      reserved.remove(sku);
      if (reserved.isEmpty()) {
        reservations.remove(orderId);
      }
    }
    int[] level = stock.get(sku);
    level[0] += quantity;
    level[1] -= quantity;
    return true;
  }

  @Override
  public synchronized StockLevel level(String sku) {
    int[] level = stock.getOrDefault(sku, new int[3]);
    return new StockLevel(sku, level[0], level[1], level[2]);
  }

  @Override
  public synchronized StockLevel setAvailable(String sku, int available) {
    stock.computeIfAbsent(sku, s -> new int[3])[0] = available;
    return level(sku);
  }

  @Override
  public synchronized StockLevel restock(String sku, int quantity) {
    stock.computeIfAbsent(sku, s -> new int[3])[0] += quantity;
    return level(sku);
  }

  public synchronized boolean hasReservation(String orderId) {
    return reservations.containsKey(orderId);
  }
}
