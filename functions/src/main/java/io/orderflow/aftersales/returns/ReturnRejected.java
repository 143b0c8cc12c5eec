package io.orderflow.aftersales.returns;

import io.orderflow.order.BusinessError;

/**
 * The return was refused (by review, or because nobody reviewed it in time); the step that decided
 * has recorded REJECTED. The return workflow catches it by this class name and ends.
 */
public class ReturnRejected extends BusinessError {
  public ReturnRejected(String returnId, String why) {
    // Order status reasons describe orders; a rejected return leaves its order as it is.
    super(null, "return " + returnId + " was rejected: " + why);
  }
}
