package io.orderflow.sweep;

import java.time.Duration;
import java.util.Map;

/**
 * When an order counts as stranded and what the sweeper may do about it, from the function's
 * environment.
 *
 * @param sweepAfter how long an order may sit in a non-final status without a change before the
 *     sweeper looks at its execution ({@code SWEEP_AFTER_MINUTES}, 15)
 * @param startWithin an order whose execution never started is started if it was placed within
 *     this time, and cancelled after it: a customer should not be charged days after ordering
 *     ({@code SWEEP_START_WITHIN_HOURS}, 24)
 * @param maxRedrives redrives of one execution before the sweeper compensates instead: a step
 *     that keeps failing will not pass on the next try ({@code SWEEP_MAX_REDRIVES}, 3)
 * @param maxOrders orders examined per run, so a run ends well within the function's timeout;
 *     the rest wait for the next run ({@code SWEEP_MAX_ORDERS}, 200)
 */
public record SweepSettings(Duration sweepAfter, Duration startWithin, int maxRedrives, int maxOrders) {

  public static final SweepSettings DEFAULTS = new SweepSettings(Duration.ofMinutes(15), Duration.ofHours(24), 3, 200);

  public SweepSettings {
    if (sweepAfter.isNegative() || startWithin.isNegative() || maxRedrives < 0 || maxOrders < 1) {
      throw new IllegalArgumentException("invalid sweep settings: " + sweepAfter + ", " + startWithin + ", "
          + maxRedrives + ", " + maxOrders);
    }
  }

  public static SweepSettings fromEnvironment(Map<String, String> environment) {
    return new SweepSettings(
        Duration.ofMinutes(number(environment, "SWEEP_AFTER_MINUTES", DEFAULTS.sweepAfter.toMinutes())),
        Duration.ofHours(number(environment, "SWEEP_START_WITHIN_HOURS", DEFAULTS.startWithin.toHours())),
        (int) number(environment, "SWEEP_MAX_REDRIVES", DEFAULTS.maxRedrives),
        (int) number(environment, "SWEEP_MAX_ORDERS", DEFAULTS.maxOrders));
  }

  public SweepSettings withSweepAfter(Duration after) {
    return new SweepSettings(after, startWithin, maxRedrives, maxOrders);
  }

  private static long number(Map<String, String> environment, String name, long fallback) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("environment variable " + name + " is not a whole number: " + value, e);
    }
  }
}
