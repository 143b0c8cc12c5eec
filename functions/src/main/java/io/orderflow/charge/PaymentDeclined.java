package io.orderflow.charge;

import io.orderflow.order.BusinessError;
import io.orderflow.order.StatusReason;

/** The card was declined; the order is CANCELLED (PAYMENT_DECLINED) and its stock released. */
public class PaymentDeclined extends BusinessError {
  public PaymentDeclined(String orderId, String declineCode) {
    super(StatusReason.PAYMENT_DECLINED, "payment for order " + orderId + " was declined: " + declineCode);
  }
}
