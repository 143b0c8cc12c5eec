package io.orderflow.aftersales.tickets;

import io.orderflow.limits.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How many tickets one customer may open per window ({@value #VARIABLE}, default {@value
 * #DEFAULT_PER_MINUTE} a minute): enough for anyone with a real problem, too few to bury the agents
 * (one customer once opened 150 in 8 seconds).
 */
public record TicketQuota(RateLimits limits, int perWindow, Duration window) {

  public static final String VARIABLE = "TICKETS_PER_MINUTE";
  public static final int DEFAULT_PER_MINUTE = 5;

  /** For tests and for tickets the system opens itself: no limit. */
  public static final TicketQuota UNLIMITED = new TicketQuota(null, 0, Duration.ofMinutes(1));

  public static TicketQuota fromEnvironment(Map<String, String> environment, RateLimits limits) {
    String value = environment.get(VARIABLE);
    int perMinute = DEFAULT_PER_MINUTE;
    if (value != null && !value.isBlank()) {
      try {
        perMinute = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(VARIABLE + " must be a whole number, not " + value, e);
      }
      if (perMinute < 1) {
        throw new IllegalArgumentException(VARIABLE + " must be at least 1, not " + value);
      }
    }
    return new TicketQuota(limits, perMinute, Duration.ofMinutes(1));
  }

  /**
   * Counts one ticket of {@code customerId}.
   *
   * @throws TooManyTickets if the customer opened their quota in this window already
   */
  void take(String customerId, Instant now) {
    if (limits == null) {
      return;
    }
    Optional<Duration> wait = limits.tryAcquire("tickets#" + customerId, perWindow, window, now);
    if (wait.isPresent()) {
      throw new TooManyTickets(perWindow, wait.get());
    }
  }

  /** The customer opened as many tickets as the window allows; {@code retryAfter} is when it ends. */
  public static final class TooManyTickets extends RuntimeException {

    private final transient Duration retryAfter;

    TooManyTickets(int perWindow, Duration retryAfter) {
      super("at most " + perWindow + " tickets a minute; retry in " + retryAfter.toSeconds() + " s");
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }
}
