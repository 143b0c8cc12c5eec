package io.orderflow.aftersales.returns;

/** What the customer wants for the returned units. */
public enum Resolution {
  REFUND,
  EXCHANGE
}
