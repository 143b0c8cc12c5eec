package io.orderflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** The body of {@code PUT /ops/inventory/{sku}}: {@code {"available": 0..1000000}}, a stock count. */
record StockRequest(int available) {

  static final int MAX_AVAILABLE = 1_000_000;

  static StockRequest read(JsonNode body) {
    FieldReader root = FieldReader.body(body).allowOnly(Set.of("available"));
    Integer available = root.integer("available", 0, MAX_AVAILABLE);
    root.throwIfInvalid();
    return new StockRequest(available);
  }
}
