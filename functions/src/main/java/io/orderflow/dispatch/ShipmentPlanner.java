package io.orderflow.dispatch;

import io.orderflow.order.Address;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Order;
import io.orderflow.order.Shipment;
import io.orderflow.order.Shipment.PackingSlip;
import io.orderflow.order.Shipment.PickItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns a paid order into a labelled parcel: tracking number, pick list and packing slip. */
final class ShipmentPlanner {

  /** The carrier's status of a parcel that has a label but has not been collected yet. */
  static final String LABEL_CREATED = "LABEL_CREATED";

  private static final int AISLES = 20;
  private static final int SHELVES = 10;
  private static final int BINS = 4;

  private final String carrier;

  ShipmentPlanner(String carrier) {
    this.carrier = carrier;
  }

  /** @param products the catalog items of the order's SKUs, for the names people read */
  Shipment plan(Order order, Map<String, CatalogItem> products) {
    List<PickItem> pickList = new ArrayList<>();
    List<String> slipLines = new ArrayList<>();
    order.quantitiesBySku().forEach((sku, quantity) -> {
      CatalogItem product = products.get(sku);
      String name = product == null ? sku : product.name();
      pickList.add(new PickItem(sku, name, quantity, binLocation(sku)));
      slipLines.add(quantity + " x " + name + " (" + sku + ")");
    });
    return new Shipment(
        carrier,
        TrackingNumbers.forOrder(carrier, order.orderId()),
        LABEL_CREATED,
        order.eta(),
        pickList,
        new PackingSlip(order.orderId(), shipToBlock(order.shippingAddress()), slipLines));
  }

  /**
   * Where the SKU sits in the warehouse, as aisle, shelf and bin. A stand-in for a slotting
   * system: stable per SKU, so pickers walk to the same place every time.
   */
  static String binLocation(String sku) {
    int slot = Math.floorMod(sku.hashCode(), AISLES * SHELVES * BINS);
    return String.format("A%02d-S%02d-B%d", slot / (SHELVES * BINS) + 1, slot / BINS % SHELVES + 1, slot % BINS + 1);
  }

  /** The address as printed on the slip, e.g. "Li Lei\n1 Main St\nSpringfield, IL 62701\nUS". */
  static String shipToBlock(Address address) {
    String cityLine = joinPresent(", ", address.city(), joinPresent(" ", address.region(), address.postalCode()));
    return joinPresent("\n", address.name(), address.line1(), address.line2(), cityLine, address.country());
  }

  private static String joinPresent(String separator, String... parts) {
    return Stream.of(parts)
        .filter(part -> part != null && !part.isBlank())
        .collect(Collectors.joining(separator));
  }
}
