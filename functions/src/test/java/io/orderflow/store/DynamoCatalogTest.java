package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.order.Catalog;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalAws.Extension.class)
class DynamoCatalogTest {

  private final Catalog catalog;

  DynamoCatalogTest(LocalAws aws) {
    this.catalog = aws.adapters().catalog();
  }

  @Test
  void keepsPricesExactAndTheActiveFlag() {
    CatalogItem mug = new CatalogItem(sku(), "Mug", Money.of("29.90", "USD"), true);
    CatalogItem yen = new CatalogItem(sku(), "Teapot", Money.of("4500", "JPY"), false);
    catalog.put(mug);
    catalog.put(yen);

    assertThat(catalog.find(mug.sku())).contains(mug);
    assertThat(catalog.find(yen.sku())).contains(yen);
    assertThat(catalog.find(sku())).isEmpty();

    CatalogItem repriced = new CatalogItem(mug.sku(), "Mug", Money.of("31.00", "USD"), true);
    catalog.put(repriced);
    assertThat(catalog.find(mug.sku())).contains(repriced);
  }

  @Test
  void findsManySkusAtOnceInTheOrderAsked() {
    List<String> skus = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      CatalogItem item = new CatalogItem(sku(), "Item " + i, Money.of(i + ".99", "USD"), true);
      catalog.put(item);
      skus.add(item.sku());
    }
    String unknown = sku();
    List<String> asked = new ArrayList<>(skus);
    asked.add(5, unknown);
    asked.add(skus.get(0));

    assertThat(catalog.findAll(asked).keySet()).containsExactlyElementsOf(skus);
    assertThat(catalog.findAll(asked).get(skus.get(7)).unitPrice()).isEqualTo(Money.of("7.99", "USD"));
    assertThat(catalog.findAll(List.of())).isEmpty();
  }

  private static String sku() {
    return "SKU-" + UUID.randomUUID();
  }
}
