package io.orderflow.aftersales.feedback;

import static io.orderflow.aftersales.AftersalesFixture.CUSTOMER;
import static io.orderflow.aftersales.AftersalesFixture.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.aftersales.AftersalesFixture;
import io.orderflow.aftersales.Conflict;
import io.orderflow.aftersales.NotFound;
import io.orderflow.order.OrderStatus;
import org.junit.jupiter.api.Test;

class FeedbackBoxTest {

  private final AftersalesFixture f = new AftersalesFixture();

  @Test
  void aDeliveredOrderIsRatedOnceByItsCustomer() {
    f.seed("o-1", OrderStatus.DELIVERED);
    f.seed("o-paid", OrderStatus.PAID);

    Feedback given = f.feedbackBox.give(CUSTOMER, "o-1", 4, "fast");

    assertThat(given.skus()).containsExactly("SKU-1", "SKU-2");
    assertThat(f.feedback.find("o-1")).contains(given);
    assertThatThrownBy(() -> f.feedbackBox.give(CUSTOMER, "o-1", 5, "again")).isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> f.feedbackBox.give(CUSTOMER, "o-paid", 5, "early")).isInstanceOf(Conflict.class);
    assertThatThrownBy(() -> f.feedbackBox.give(STRANGER, "o-1", 1, "not mine")).isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> f.feedbackBox.give(CUSTOMER, "o-2", 1, "no order")).isInstanceOf(NotFound.class);
    assertThat(f.feedback.find("o-1").orElseThrow().rating()).isEqualTo(4);
  }

  @Test
  void theReportGivesCountAverageDistributionAndTheLowestRatedSkus() {
    f.seed("o-1", OrderStatus.DELIVERED);
    f.seed("o-2", OrderStatus.COMPLETED);
    f.seed("o-3", OrderStatus.DELIVERED);
    f.feedbackBox.give(CUSTOMER, "o-1", 5, null);
    f.feedbackBox.give(CUSTOMER, "o-2", 4, null);
    f.feedbackBox.give(CUSTOMER, "o-3", 1, "broken");

    SatisfactionReport report = f.feedbackBox.report();

    assertThat(report.count()).isEqualTo(3);
    assertThat(report.average()).isEqualTo("3.33");
    assertThat(report.distribution()).containsExactly(
        java.util.Map.entry("1", 1L), java.util.Map.entry("2", 0L), java.util.Map.entry("3", 0L),
        java.util.Map.entry("4", 1L), java.util.Map.entry("5", 1L));
    assertThat(report.lowestRatedSkus()).extracting(SatisfactionReport.SkuRating::average).containsOnly("3.33");
  }

  @Test
  void anEmptyReportHasNoAverage() {
    SatisfactionReport report = f.feedbackBox.report();

    assertThat(report.count()).isZero();
    assertThat(report.average()).isNull();
    assertThat(report.lowestRatedSkus()).isEmpty();
  }
}
