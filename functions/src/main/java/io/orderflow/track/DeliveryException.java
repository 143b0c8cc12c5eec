package io.orderflow.track;

import io.orderflow.order.BusinessError;
import io.orderflow.order.StatusReason;
import java.util.EnumSet;
import java.util.Set;

/**
 * The carrier reported that the parcel cannot be delivered. The workflow sees this class's name as
 * the error of the AwaitDelivery task, with the carrier's code as the cause, and refunds.
 */
public class DeliveryException extends BusinessError {

  /** The exception codes carriers report; each is also the order's {@code statusReason}. */
  public static final Set<StatusReason> CODES =
      EnumSet.of(StatusReason.LOST, StatusReason.DAMAGED, StatusReason.ADDRESS_ISSUE, StatusReason.REFUSED);

  /** The error name a failed task token carries. */
  public static final String ERROR = DeliveryException.class.getName();

  public DeliveryException(String orderId, StatusReason code) {
    super(code, "order " + orderId + " could not be delivered: " + code);
  }
}
