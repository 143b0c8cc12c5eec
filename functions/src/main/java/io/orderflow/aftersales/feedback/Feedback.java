package io.orderflow.aftersales.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A customer's rating of a delivered order, once per order; {@code skus} are the order's products. */
public record Feedback(String orderId, String customerId, int rating, String comment, List<String> skus, Instant at) {

  public static final int LOWEST = 1;
  public static final int HIGHEST = 5;

  public Feedback {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(customerId, "customerId");
    if (rating < LOWEST || rating > HIGHEST) {
      throw new IllegalArgumentException("rating must be between " + LOWEST + " and " + HIGHEST);
    }
    skus = List.copyOf(skus);
  }
}
