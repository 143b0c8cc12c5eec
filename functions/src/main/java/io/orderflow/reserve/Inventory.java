package io.orderflow.reserve;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Port: stock per SKU. {@code available} is what can still be sold; a reservation moves units from
 * available to reserved, a release moves them back, shipping removes them from reserved. Stock is
 * never negative and never oversold: implementations use conditional writes, never
 * read-then-write.
 */
public interface Inventory {

  /**
   * Reserves every SKU's quantity for the order, all or nothing. Reserving again for the same
   * order is a no-op.
   *
   * @throws OutOfStock naming every SKU that is short
   */
  default void reserve(String orderId, Map<String, Integer> quantities, Instant expiresAt) {
    reserve(orderId, null, quantities, expiresAt, null);
  }

  /**
   * Reserves as above, for {@code customerId}: in the same transaction the customer's held units of
   * each SKU grow by its quantity, on condition that they stay within {@code limit}. The release,
   * commit or expiry that ends the reservation takes them off again. Without a customer (or limit)
   * nothing is counted (or capped).
   *
   * @throws OutOfStock naming every SKU that is short (checked first: a restock helps the order)
   * @throws HoldLimitReached naming the SKUs the customer would hold too many of
   */
  void reserve(String orderId, String customerId, Map<String, Integer> quantities, Instant expiresAt, HoldLimit limit);

  /** The units of each SKU the customer holds in open reservations; a SKU never held counts 0. */
  Map<String, Integer> held(String customerId, Collection<String> skus);

  /** Moves the order's reserved units back to available; false if nothing was reserved. */
  boolean release(String orderId, Iterable<String> skus);

  /** The order's reserved units leave the warehouse (reserved → shipped); false if nothing was reserved. */
  boolean commit(String orderId, Iterable<String> skus);

  /**
   * The store deleted the order's reservation of {@code sku} when it expired, without moving the
   * counters: gives its units back to available, exactly once however often it is called. False if
   * they were given back before.
   */
  default boolean returnExpired(String orderId, String sku, int quantity) {
    return returnExpired(orderId, null, sku, quantity);
  }

  /**
   * As above, and takes the units off {@code customerId}'s held count in the same step (null: a
   * reservation made before holds were counted, which counted nothing).
   */
  boolean returnExpired(String orderId, String customerId, String sku, int quantity);

  StockLevel level(String sku);

  /** Ops sets the sellable quantity of a SKU (a stock count). */
  StockLevel setAvailable(String sku, int available);

  /** Units come back to the shelf (a resellable return): available grows by {@code quantity}. */
  StockLevel restock(String sku, int quantity);

  /**
   * A SKU's books: {@code available} to sell, {@code reserved} for orders, {@code shipped} with the
   * carrier. Every change moves units between the three in one transaction, so their sum stays what
   * was received (set or restocked) at every instant, whatever crash interrupts whom.
   */
  record StockLevel(String sku, int available, int reserved, int shipped) {

    /** Stock nothing was shipped from yet. */
    public StockLevel(String sku, int available, int reserved) {
      this(sku, available, reserved, 0);
    }
  }
}
