package io.orderflow.aftersales.feedback;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /ops/reports/satisfaction: how many ratings, their average (two decimals, as a string so no
 * client reads a float), how many of each rating, and the SKUs with the lowest average.
 */
public record SatisfactionReport(
    long count, String average, Map<String, Long> distribution, List<SkuRating> lowestRatedSkus) {

  /** How many SKUs the report lists. */
  public static final int LOWEST_LISTED = 5;

  public record SkuRating(String sku, long count, String average) {}

  /**
   * Running sums the report is built from: the repository keeps them as ratings arrive, so the
   * report reads a handful of numbers instead of every rating.
   */
  public record Tally(long count, long sum, Map<Integer, Long> byRating, Map<String, long[]> bySku) {

    public static Tally empty() {
      return new Tally(0, 0, new LinkedHashMap<>(), new LinkedHashMap<>());
    }

    /** Adds one rating (mutates: tallies are built, then turned into a report). */
    public Tally add(Feedback feedback) {
      byRating.merge(feedback.rating(), 1L, Long::sum);
      for (String sku : feedback.skus()) {
        long[] skuTally = bySku.computeIfAbsent(sku, s -> new long[2]);
        skuTally[0]++;
        skuTally[1] += feedback.rating();
      }
      return new Tally(count + 1, sum + feedback.rating(), byRating, bySku);
    }

    public SatisfactionReport report() {
      Map<String, Long> distribution = new LinkedHashMap<>();
      for (int rating = Feedback.LOWEST; rating <= Feedback.HIGHEST; rating++) {
        distribution.put(String.valueOf(rating), byRating.getOrDefault(rating, 0L));
      }
      List<SkuRating> lowest = bySku.entrySet().stream()
          .map(e -> new SkuRating(e.getKey(), e.getValue()[0], average(e.getValue()[1], e.getValue()[0])))
          .sorted(Comparator.comparing((SkuRating r) -> new BigDecimal(r.average())).thenComparing(SkuRating::sku))
          .limit(LOWEST_LISTED)
          .toList();
      return new SatisfactionReport(count, count == 0 ? null : average(sum, count), distribution, lowest);
    }

    private static String average(long sum, long count) {
      return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP).toPlainString();
    }
  }
}
