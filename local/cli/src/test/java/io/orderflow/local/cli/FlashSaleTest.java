package io.orderflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.local.LocalStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The sale-day rehearsal: what it finds on a real stack, and that its checks can fail. */
class FlashSaleTest {

  private static final FlashSale.Plan PLAN = new FlashSale.Plan(40, 10, 8, 5, Duration.ofSeconds(60));

  @Test
  void fortyShoppersForTenUnitsGetTenUnitsAndDoubleClicksMakeNoSecondOrder() throws InterruptedException {
    try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPorts(0, 0, 0, 0).withTimeScale(100))) {
      FlashSale.Report report = new FlashSale(stack.apiEndpoint().orElseThrow(), stack.tokens()).run(PLAN);

      assertThat(report.gotStock()).isEqualTo(10);
      assertThat(report.outcomes()).containsEntry("CANCELLED OUT_OF_STOCK", 30);
      assertThat(report.available()).isZero();
      assertThat(report.undecided()).isZero();
      assertThat(report.doubleClicks()).isEqualTo(8);
      assertThat(report.distinctOrders()).isEqualTo(40);
      assertThat(report.latenciesMillis()).as("every click timed, retried ones too").hasSizeGreaterThanOrEqualTo(48);
      assertThat(report.passed()).isTrue();
      assertThat(report.render()).contains("got a unit     10", "30 CANCELLED OUT_OF_STOCK", "oversold       none",
          "stock books    balance");
    }
  }

  @Test
  void aUnitPromisedTwiceIsReportedAsOversold() {
    FlashSale.Report report = report(-1, Map.of("PAID", 11));

    assertThat(report.oversold()).isTrue();
    assertThat(report.passed()).isFalse();
    assertThat(report.render()).contains("oversold       YES: 11 orders got a unit of 10");
  }

  @Test
  void unitsGoneFromTheShelfWithoutAnOrderAreReportedToo() {
    FlashSale.Report report = report(0, Map.of("PAID", 9, "CANCELLED OUT_OF_STOCK", 31));

    assertThat(report.oversold()).isFalse();
    assertThat(report.booksBalance()).isFalse();
    assertThat(report.passed()).isFalse();
    assertThat(report.render()).contains("stock books    DO NOT BALANCE: 10 units left the shelf for 9 orders");
  }

  @Test
  void latencyPercentilesAreNearestRank() {
    FlashSale.Report report = report(0, Map.of("PAID", 10, "CANCELLED OUT_OF_STOCK", 30));

    assertThat(report.percentile(50)).isEqualTo(50);
    assertThat(report.percentile(95)).isEqualTo(95);
    assertThat(report.percentile(100)).isEqualTo(100);
    assertThat(report.passed()).isTrue();
  }

  /** A report of 40 orders for 10 units whose POSTs took 1..100 ms. */
  private static FlashSale.Report report(int available, Map<String, Integer> outcomes) {
    List<Long> latencies = LongStream.rangeClosed(1, 100).boxed().toList();
    return new FlashSale.Report(PLAN, "FLASH-TEST", Duration.ofSeconds(2), latencies, 8, 40, Duration.ofSeconds(3),
        outcomes, available, Math.max(0, 10 - available));
  }
}
