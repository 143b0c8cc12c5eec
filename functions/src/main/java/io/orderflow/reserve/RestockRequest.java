package io.orderflow.reserve;

import java.time.Instant;

/**
 * Asks the warehouse to restock a SKU an order could not get, on the restock-requests queue.
 * {@code requestedQuantity} is what the order wanted, so buyers can size the purchase.
 */
public record RestockRequest(String sku, int requestedQuantity, String orderId, Instant at) {}
