package io.orderflow.intake;

/** What the API puts on the order-intake queue and the intake handler reads: just the order id. */
public record IntakeMessage(String orderId) {}
