package io.orderflow.charge;

import io.orderflow.order.BusinessError;
import io.orderflow.order.StatusReason;

/**
 * The payment is authorized but held for risk review: the order waits ON_HOLD until ops release
 * it (the workflow parks in AwaitHoldRelease) or the customer cancels.
 */
public class PaymentHeld extends BusinessError {
  public PaymentHeld(String orderId) {
    super(StatusReason.RISK_REVIEW, "payment for order " + orderId + " is held for risk review");
  }
}
