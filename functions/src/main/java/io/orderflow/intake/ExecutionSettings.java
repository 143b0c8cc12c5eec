package io.orderflow.intake;

import java.util.Map;

/**
 * The waits of one order-fulfillment execution, passed in its input so that the ASL reads them
 * with {@code TimeoutSecondsPath} and an execution keeps the settings it started with.
 */
public record ExecutionSettings(
    long holdTimeoutSeconds, long pickupTimeoutSeconds, long deliveryTimeoutSeconds, long autoConfirmSeconds) {

  /**
   * 24 hours for ops to review a held payment (its stock is locked meanwhile: a longer hold let
   * risk-review orders keep units off sale for days), 2 days for the pickup, 30 for delivery, 7 to
   * confirm.
   */
  public static final ExecutionSettings DEFAULTS = new ExecutionSettings(86_400, 172_800, 2_592_000, 604_800);

  public ExecutionSettings {
    requirePositive("holdTimeoutSeconds", holdTimeoutSeconds);
    requirePositive("pickupTimeoutSeconds", pickupTimeoutSeconds);
    requirePositive("deliveryTimeoutSeconds", deliveryTimeoutSeconds);
    requirePositive("autoConfirmSeconds", autoConfirmSeconds);
  }

  /**
   * The defaults, each overridable by an environment variable of the intake function: {@code
   * HOLD_TIMEOUT_SECONDS}, {@code PICKUP_TIMEOUT_SECONDS}, {@code DELIVERY_TIMEOUT_SECONDS}, {@code
   * AUTO_CONFIRM_SECONDS}. A value that is not a positive number fails the function at init.
   */
  public static ExecutionSettings fromEnvironment(Map<String, String> environment) {
    return new ExecutionSettings(
        seconds(environment, "HOLD_TIMEOUT_SECONDS", DEFAULTS.holdTimeoutSeconds),
        seconds(environment, "PICKUP_TIMEOUT_SECONDS", DEFAULTS.pickupTimeoutSeconds),
        seconds(environment, "DELIVERY_TIMEOUT_SECONDS", DEFAULTS.deliveryTimeoutSeconds),
        seconds(environment, "AUTO_CONFIRM_SECONDS", DEFAULTS.autoConfirmSeconds));
  }

  private static long seconds(Map<String, String> environment, String variable, long fallback) {
    String value = environment.get(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " must be a number of seconds, not '" + value + "'");
    }
  }

  private static void requirePositive(String name, long seconds) {
    if (seconds <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + seconds);
    }
  }
}
