package io.orderflow.local;

import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import io.orderflow.store.Adapters;
import java.util.List;

/** A small coffee-gear catalog with stock, so a fresh stack can take orders at once. */
public final class DemoData {

  /** A SKU the demo and the curl example order; always in stock. */
  public static final String IN_STOCK_SKU = "SKU-1";

  /** Listed and active, but with no stock: orders for it end OUT_OF_STOCK. */
  public static final String SOLD_OUT_SKU = "SKU-RARE";

  static final List<Item> ITEMS = List.of(
      new Item(new CatalogItem(IN_STOCK_SKU, "Espresso beans 1 kg", Money.of("29.90", "USD"), true), 1000),
      new Item(new CatalogItem("SKU-2", "Ceramic pour-over dripper", Money.of("24.50", "USD"), true), 500),
      new Item(new CatalogItem("SKU-3", "Paper filters, 100 pack", Money.of("4.99", "USD"), true), 1000),
      new Item(new CatalogItem(SOLD_OUT_SKU, "Limited edition hand grinder", Money.of("349.00", "USD"), true), 0),
      new Item(new CatalogItem("SKU-OLD", "Discontinued kettle", Money.of("39.00", "USD"), false), 0));

  record Item(CatalogItem product, int stock) {}

  private DemoData() {}

  /**
   * Puts the demo catalog and stock in place unless a previous run did (a data directory keeps
   * them, and whatever ops changed since, across restarts).
   */
  static void seed(Adapters adapters) {
    if (adapters.catalog().find(IN_STOCK_SKU).isPresent()) {
      return;
    }
    for (Item item : ITEMS) {
      adapters.catalog().put(item.product());
      adapters.inventory().setAvailable(item.product().sku(), item.stock());
    }
  }
}
