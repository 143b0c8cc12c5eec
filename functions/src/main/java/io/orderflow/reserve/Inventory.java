package io.orderflow.reserve;

import java.time.Instant;
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
  void reserve(String orderId, Map<String, Integer> quantities, Instant expiresAt);

  /** Moves the order's reserved units back to available; false if nothing was reserved. */
  boolean release(String orderId, Iterable<String> skus);

  /** The order's reserved units leave the warehouse (reserved → shipped); false if nothing was reserved. */
  boolean commit(String orderId, Iterable<String> skus);

  /**
   * The store deleted the order's reservation of {@code sku} when it expired, without moving the
   * counters: gives its units back to available, exactly once however often it is called. False if
   * they were given back before.
   */
  boolean returnExpired(String orderId, String sku, int quantity);

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
