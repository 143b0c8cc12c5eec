package io.orderflow.aftersales.tickets;

/** What a ticket is about; agents are configured per category. */
public enum TicketCategory {
  INQUIRY,
  COMPLAINT,
  DELIVERY,
  PRODUCT,
  PAYMENT,
  RETURN
}
