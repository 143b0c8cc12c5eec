package io.orderflow.order;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Port: the product catalog. */
public interface Catalog {

  Optional<CatalogItem> find(String sku);

  /** The known items among {@code skus}, by SKU (unknown SKUs are absent). */
  Map<String, CatalogItem> findAll(Collection<String> skus);

  void put(CatalogItem item);
}
