package io.orderflow.local.cli;

import io.orderflow.local.DemoData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies in API.md's shape, for the demo, the curl example and the end-to-end tests. */
public final class SampleOrders {

  /** A deliverable address in the simulated carrier's world. */
  public static final String DELIVERABLE_POSTAL_CODE = "62701";

  private SampleOrders() {}

  /** {@code quantity} of {@code sku}, paid with {@code paymentToken}, shipped to {@code postalCode}. */
  public static Map<String, Object> order(String sku, int quantity, String paymentToken, String postalCode) {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("name", "Li Lei");
    address.put("line1", "1 Main St");
    address.put("city", "Springfield");
    address.put("region", "IL");
    address.put("postalCode", postalCode);
    address.put("country", "US");
    address.put("phone", "+15555550100");
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("lines", List.of(Map.of("sku", sku, "quantity", quantity)));
    order.put("shippingAddress", address);
    order.put("payment", Map.of("method", "card", "token", paymentToken));
    order.put("shippingSpeed", "STANDARD");
    return order;
  }

  /** Two bags of the demo catalog's beans, paid by a card that works, to a deliverable address. */
  public static Map<String, Object> happyPath() {
    return order(DemoData.IN_STOCK_SKU, 2, "tok_visa", DELIVERABLE_POSTAL_CODE);
  }

  /** POST /orders/{orderId}/returns: {@code quantity} of {@code sku} back for {@code reason}, settled by {@code resolution}. */
  public static Map<String, Object> returnOf(String sku, int quantity, String reason, String resolution) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("lines", List.of(Map.of("sku", sku, "quantity", quantity)));
    request.put("reason", reason);
    request.put("resolution", resolution);
    return request;
  }

  /** POST /ops/returns/{returnId}/inspection: the parcel held {@code quantity} of {@code sku} in {@code condition}. */
  public static Map<String, Object> inspection(String sku, int quantity, String condition) {
    return Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity, "condition", condition)));
  }
}
