package io.orderflow.aftersales.returns;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Units per SKU that an order's open and finished returns cover, with a version for optimistic
 * locking. Every new return is stored together with the next version of this tally, conditional on
 * the version it was read at, so two racing requests can never together return more than was
 * delivered: one of them loses the write and re-checks against the winner's tally.
 */
public record ReturnedQuantities(String orderId, Map<String, Integer> bySku, long version) {

  public ReturnedQuantities {
    bySku = Map.copyOf(bySku);
  }

  /** The tally of an order nobody has returned anything from yet. */
  public static ReturnedQuantities none(String orderId) {
    return new ReturnedQuantities(orderId, Map.of(), 0);
  }

  public int of(String sku) {
    return bySku.getOrDefault(sku, 0);
  }

  public ReturnedQuantities plus(Map<String, Integer> quantities) {
    return adjusted(quantities, 1);
  }

  public ReturnedQuantities minus(Map<String, Integer> quantities) {
    return adjusted(quantities, -1);
  }

  private ReturnedQuantities adjusted(Map<String, Integer> quantities, int sign) {
    Map<String, Integer> next = new LinkedHashMap<>(bySku);
    quantities.forEach((sku, quantity) -> next.merge(sku, sign * quantity, Integer::sum));
    next.values().removeIf(quantity -> quantity <= 0);
    return new ReturnedQuantities(orderId, next, version + 1);
  }
}
