package io.orderflow.testing;

import io.orderflow.order.Catalog;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryCatalog implements Catalog {

  private final Map<String, CatalogItem> items = new ConcurrentHashMap<>();

  /** Adds an active item priced in USD. */
  public InMemoryCatalog with(String sku, String price) {
    put(new CatalogItem(sku, "Item " + sku, Money.of(price, "USD"), true));
    return this;
  }

  @Override
  public Optional<CatalogItem> find(String sku) {
    return Optional.ofNullable(items.get(sku));
  }

  @Override
  public Map<String, CatalogItem> findAll(Collection<String> skus) {
    Map<String, CatalogItem> found = new LinkedHashMap<>();
    for (String sku : skus) {
      find(sku).ifPresent(item -> found.put(sku, item));
    }
    return found;
  }

  @Override
  public void put(CatalogItem item) {
    items.put(item.sku(), item);
  }
}
