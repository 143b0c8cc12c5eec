package io.orderflow.dispatch;

import io.orderflow.order.Address;
import io.orderflow.order.Order.ShippingSpeed;
import java.time.Instant;
import java.util.List;

/**
 * Asks the carrier to collect a parcel, on the carrier-requests queue. The carrier dedupes by
 * tracking number, so a retried dispatch may send it again.
 */
public record CarrierRequest(
    String orderId,
    String carrier,
    String trackingNumber,
    Address shipTo,
    ShippingSpeed shippingSpeed,
    List<ParcelLine> lines,
    Instant requestedAt) {

  public CarrierRequest {
    lines = List.copyOf(lines);
  }

  /** What is in the parcel. */
  public record ParcelLine(String sku, int quantity) {}
}
