package io.orderflow.aftersales.returns;

import io.orderflow.idempotency.Idempotency;
import java.util.Locale;
import java.util.Optional;

/**
 * Return ids carry their order id ({@code <orderId>-R<n>}, n = the order's tally version that
 * created it), so {@code GET /returns/{id}} finds the return under its order's partition without an
 * extra index, and two racing requests for one order compete for the same id.
 */
public final class ReturnIds {

  private static final String SEPARATOR = "-R";

  private ReturnIds() {}

  public static String of(String orderId, long sequence) {
    return orderId + SEPARATOR + sequence;
  }

  /** The order id inside a return id, or empty for something that is not a return id. */
  public static Optional<String> orderIdOf(String returnId) {
    int at = returnId.lastIndexOf(SEPARATOR);
    if (at <= 0 || at + SEPARATOR.length() == returnId.length()) {
      return Optional.empty();
    }
    String sequence = returnId.substring(at + SEPARATOR.length());
    return sequence.chars().allMatch(Character::isDigit) ? Optional.of(returnId.substring(0, at)) : Optional.empty();
  }

  /** The RMA number the customer writes on the parcel: short, stable for the return, unguessable. */
  public static String rmaNumber(String returnId) {
    return "RMA-" + Idempotency.hash(returnId).substring(0, 10).toUpperCase(Locale.ROOT);
  }

  /** The replacement order of an exchange: one per return, so a retried step finds it again. */
  public static String replacementOrderId(String returnId) {
    return returnId + "-X";
  }
}
