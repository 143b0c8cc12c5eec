package io.orderflow.aftersales.feedback;

import java.util.Optional;

/** Port: ratings, at most one per order, and the running tally the satisfaction report reads. */
public interface FeedbackRepository {

  /** Stores the rating and counts it in the tally, all or nothing; false if the order was rated. */
  boolean add(Feedback feedback);

  Optional<Feedback> find(String orderId);

  SatisfactionReport.Tally tally();
}
