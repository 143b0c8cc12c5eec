package io.orderflow.aftersales.returns;

/** Why the customer sends something back. */
public enum ReturnReason {
  DAMAGED,
  WRONG_ITEM,
  NOT_AS_DESCRIBED,
  SIZE,
  CHANGED_MIND,
  OTHER;

  /**
   * The seller got it wrong: the refund includes the shipping share, and a unit inspected as
   * DAMAGED is still accepted (the damage is what the customer reported).
   */
  public boolean isSellersFault() {
    return this == DAMAGED || this == WRONG_ITEM || this == NOT_AS_DESCRIBED;
  }
}
