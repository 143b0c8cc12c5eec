package io.orderflow.testing;

import io.orderflow.aftersales.feedback.Feedback;
import io.orderflow.aftersales.feedback.FeedbackRepository;
import io.orderflow.aftersales.feedback.SatisfactionReport.Tally;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Ratings in memory; the tally is recomputed from them on every read. */
public final class InMemoryFeedbackRepository implements FeedbackRepository {

  private final Map<String, Feedback> byOrder = new LinkedHashMap<>();

  @Override
  public synchronized boolean add(Feedback feedback) {
    return byOrder.putIfAbsent(feedback.orderId(), feedback) == null;
  }

  @Override
  public synchronized Optional<Feedback> find(String orderId) {
    return Optional.ofNullable(byOrder.get(orderId));
  }

  @Override
  public synchronized Tally tally() {
    Tally tally = Tally.empty();
    for (Feedback feedback : byOrder.values()) {
      tally = tally.add(feedback);
    }
    return tally;
  }
}
