package io.orderflow.store;

import static io.orderflow.store.Attributes.s;

import io.orderflow.order.Catalog;
import io.orderflow.order.CatalogItem;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The catalog in the Catalog table: {@code pk=SKU#<sku>}, {@code sk=ITEM}. */
public final class DynamoCatalog implements Catalog {

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoCatalog(DynamoDbClient dynamo, String table) {
    this.dynamo = dynamo;
    this.table = table;
  }

  @Override
  public Optional<CatalogItem> find(String sku) {
    Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(sku))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(catalogItem(item));
  }

  @Override
  public Map<String, CatalogItem> findAll(Collection<String> skus) {
    List<String> distinct = List.copyOf(new LinkedHashSet<>(skus));
    Map<String, CatalogItem> bySku = new HashMap<>();
    for (Map<String, AttributeValue> item : BatchReads.get(dynamo, table, distinct.stream().map(DynamoCatalog::key).toList(), false)) {
      CatalogItem found = catalogItem(item);
      bySku.put(found.sku(), found);
    }
    // In the order asked, as callers report unknown SKUs in the order of the lines.
    Map<String, CatalogItem> found = new LinkedHashMap<>();
    for (String sku : distinct) {
      if (bySku.containsKey(sku)) {
        found.put(sku, bySku.get(sku));
      }
    }
    return found;
  }

  @Override
  public void put(CatalogItem catalogItem) {
    Map<String, AttributeValue> item = new HashMap<>(key(catalogItem.sku()));
    item.put("sku", s(catalogItem.sku()));
    Attributes.putIfPresent(item, "name", Attributes.sOrNull(catalogItem.name()));
    item.put("unitPrice", Attributes.money(catalogItem.unitPrice()));
    item.put("active", AttributeValue.fromBool(catalogItem.active()));
    dynamo.putItem(b -> b.tableName(table).item(item));
  }

  private static Map<String, AttributeValue> key(String sku) {
    return Map.of("pk", s("SKU#" + sku), "sk", s("ITEM"));
  }

  private static CatalogItem catalogItem(Map<String, AttributeValue> item) {
    AttributeValue active = item.get("active");
    return new CatalogItem(
        Attributes.required(item, "sku"),
        Attributes.string(item, "name"),
        Attributes.moneyOrNull(item, "unitPrice"),
        active != null && Boolean.TRUE.equals(active.bool()));
  }
}
