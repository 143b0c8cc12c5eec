package io.orderflow.order;

import java.time.LocalDate;
import java.util.List;

/**
 * The parcel: who carries it, its tracking number, the carrier's last status, the promised
 * delivery date, and what the warehouse picks and packs.
 */
public record Shipment(
    String carrier,
    String trackingNumber,
    String status,
    LocalDate eta,
    List<PickItem> pickList,
    PackingSlip packingSlip) {

  public Shipment {
    pickList = pickList == null ? List.of() : List.copyOf(pickList);
  }

  public Shipment withStatus(String carrierStatus) {
    return new Shipment(carrier, trackingNumber, carrierStatus, eta, pickList, packingSlip);
  }

  /** One SKU to pick from a warehouse location. */
  public record PickItem(String sku, String name, int quantity, String location) {}

  /** What is printed into the box. */
  public record PackingSlip(String orderId, String shipTo, List<String> lines) {
    public PackingSlip {
      lines = lines == null ? List.of() : List.copyOf(lines);
    }
  }
}
