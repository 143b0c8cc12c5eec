package io.orderflow.reserve;

import java.util.List;
import java.util.Map;

/**
 * How many units of one SKU a customer may hold at once in open reservations: one customer
 * holding a SKU's whole stock (a risk-review hold lasts a day) keeps everyone else from buying it.
 */
public record HoldLimit(int maxHeldPerSku) {

  public static final String VARIABLE = "MAX_HELD_PER_SKU";

  public static final HoldLimit DEFAULT = new HoldLimit(20);

  public HoldLimit {
    if (maxHeldPerSku < 1) {
      throw new IllegalArgumentException(VARIABLE + " must be positive, not " + maxHeldPerSku);
    }
  }

  /** {@code MAX_HELD_PER_SKU} from the function's environment, or 20; anything else fails at init. */
  public static HoldLimit fromEnvironment(Map<String, String> environment) {
    String value = environment.get(VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT;
    }
    try {
      return new HoldLimit(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(VARIABLE + " must be a number of units, not '" + value + "'");
    }
  }

  /** The SKUs of {@code wanted} that would go over the limit on top of what is {@code held}. */
  public List<String> exceededBy(Map<String, Integer> wanted, Map<String, Integer> held) {
    return wanted.entrySet().stream()
        .filter(line -> held.getOrDefault(line.getKey(), 0) + line.getValue() > maxHeldPerSku)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
