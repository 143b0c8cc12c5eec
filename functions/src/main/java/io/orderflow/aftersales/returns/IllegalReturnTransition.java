package io.orderflow.aftersales.returns;

/** A status change the return status machine does not allow: a bug or a lost race. */
public class IllegalReturnTransition extends RuntimeException {

  public IllegalReturnTransition(String returnId, ReturnStatus from, ReturnStatus to) {
    super("return " + returnId + " cannot move from " + from + " to " + to);
  }
}
