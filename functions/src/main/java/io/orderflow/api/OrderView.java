package io.orderflow.api;

import io.orderflow.order.Address;
import io.orderflow.order.Money;
import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.PaymentLedger;
import io.orderflow.order.Shipment;
import io.orderflow.order.StatusReason;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An order as shops see it (API.md, {@code GET /orders/{orderId}}): no payment token, no task
 * token, no version; payment amounts from the ledger.
 */
record OrderView(
    String orderId,
    String customerId,
    OrderStatus status,
    StatusReason statusReason,
    List<OrderLine> lines,
    Money total,
    Address shippingAddress,
    PaymentView payment,
    ShipmentView shipment,
    Instant createdAt,
    Instant updatedAt) {

  record PaymentView(PaymentLedger.Status status, Money authorized, Money captured, Money refunded) {}

  record ShipmentView(String carrier, String trackingNumber, String status, LocalDate eta) {}

  static OrderView of(Order order) {
    PaymentLedger ledger = order.ledger();
    Shipment shipment = order.shipment();
    return new OrderView(
        order.orderId(),
        order.customerId(),
        order.status(),
        order.statusReason(),
        order.lines(),
        order.total(),
        order.shippingAddress(),
        new PaymentView(ledger.status(), ledger.authorized(), ledger.captured(), ledger.refunded()),
        shipment == null
            ? null
            : new ShipmentView(shipment.carrier(), shipment.trackingNumber(), shipment.status(), shipment.eta()),
        order.createdAt(),
        order.updatedAt());
  }
}
