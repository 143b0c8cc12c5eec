package io.orderflow.api;

import java.util.regex.Pattern;

/**
 * The shapes of ids that reach the stores from URLs and bodies. Checking them here keeps odd input
 * (a 5 KB path segment, control characters) away from DynamoDB keys, where it would fail as a 5xx.
 */
public final class Identifiers {

  public static final Pattern SKU = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private Identifiers() {}

  public static boolean isSku(String value) {
    return value != null && SKU.matcher(value).matches();
  }

  public static boolean isOrderId(String value) {
    return value != null && ORDER_ID.matcher(value).matches();
  }

  /** The {@code {sku}} path parameter, or 400. */
  static String sku(ApiRequest request) {
    String sku = request.path("sku");
    if (!isSku(sku)) {
      throw ApiError.invalid("sku", "must match " + SKU.pattern());
    }
    return sku;
  }

  /** The {@code {orderId}} path parameter; no order has any other shape, so anything else is 404. */
  public static String orderId(ApiRequest request) {
    String orderId = request.path("orderId");
    if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
      throw ApiError.notFound("no such order");
    }
    return orderId;
  }
}
