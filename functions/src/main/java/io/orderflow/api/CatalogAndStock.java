package io.orderflow.api;

import io.orderflow.order.Catalog;
import io.orderflow.order.CatalogItem;
import io.orderflow.reserve.Inventory;
import io.orderflow.reserve.Inventory.StockLevel;

/** Ops keep the catalog (names, prices, active flags) and count stock. */
final class CatalogAndStock {

  private final Catalog catalog;
  private final Inventory inventory;

  CatalogAndStock(Catalog catalog, Inventory inventory) {
    this.catalog = catalog;
    this.inventory = inventory;
  }

  CatalogItem put(CatalogItem item) {
    catalog.put(item);
    return item;
  }

  StockLevel setAvailable(String sku, int available) {
    return inventory.setAvailable(sku, available);
  }

  /**
   * The SKU's stock; 404 for a SKU nobody ever listed or stocked. The inventory reports zero for a
   * SKU it never saw, so "unknown" means: not in the catalog and no units anywhere.
   */
  StockLevel level(String sku) {
    StockLevel level = inventory.level(sku);
    if (level.available() == 0 && level.reserved() == 0 && level.shipped() == 0 && catalog.find(sku).isEmpty()) {
      throw ApiError.notFound("no SKU " + sku);
    }
    return level;
  }
}
