package io.orderflow.aftersales.returns;

import io.orderflow.order.Order;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shop's return rules and waits, configurable per deployment through environment variables of
 * the functions that apply them.
 *
 * @param window how long after delivery a return may be requested (RETURN_WINDOW_DAYS, 7)
 * @param autoApproveMaxUnits larger returns get a human look (RETURN_AUTO_APPROVE_MAX_UNITS, 5)
 * @param reviewTimeout how long a manual review may take before the return is rejected
 *     (RETURN_REVIEW_TIMEOUT_SECONDS, 3 days)
 * @param parcelTimeout how long an approved return waits for its parcel before it is closed
 *     (RETURN_PARCEL_TIMEOUT_SECONDS, 14 days)
 * @param inspectionTimeout how long a received parcel may wait for inspection
 *     (RETURN_INSPECTION_TIMEOUT_SECONDS, 7 days)
 * @param pickupTimeout how long a replacement waits for the carrier (PICKUP_TIMEOUT_SECONDS, 2 days)
 * @param returnAddress where parcels go (RETURN_ADDRESS)
 */
public record ReturnPolicy(
    Duration window,
    int autoApproveMaxUnits,
    Duration reviewTimeout,
    Duration parcelTimeout,
    Duration inspectionTimeout,
    Duration pickupTimeout,
    String returnAddress) {

  public static ReturnPolicy defaults() {
    return fromEnvironment(Map.of());
  }

  public static ReturnPolicy fromEnvironment(Map<String, String> env) {
    return new ReturnPolicy(
        Duration.ofDays(number(env, "RETURN_WINDOW_DAYS", 7)),
        (int) number(env, "RETURN_AUTO_APPROVE_MAX_UNITS", 5),
        Duration.ofSeconds(number(env, "RETURN_REVIEW_TIMEOUT_SECONDS", Duration.ofDays(3).toSeconds())),
        Duration.ofSeconds(number(env, "RETURN_PARCEL_TIMEOUT_SECONDS", Duration.ofDays(14).toSeconds())),
        Duration.ofSeconds(number(env, "RETURN_INSPECTION_TIMEOUT_SECONDS", Duration.ofDays(7).toSeconds())),
        Duration.ofSeconds(number(env, "PICKUP_TIMEOUT_SECONDS", Duration.ofDays(2).toSeconds())),
        env.getOrDefault("RETURN_ADDRESS", "orderflow returns, 1 Warehouse Way, Springfield, IL 62701, US"));
  }

  /** Delivered (or completed after delivery) no longer ago than the window. */
  public boolean withinWindow(Order order, Instant now) {
    return order.deliveredAt() != null && !now.isAfter(order.deliveredAt().plus(window));
  }

  /**
   * Known reasons for a modest number of units are approved at once; "other" reasons and large
   * returns go to a person, through a ticket.
   */
  public boolean approvesAutomatically(ProductReturn request) {
    int units = request.quantitiesBySku().values().stream().mapToInt(Integer::intValue).sum();
    return request.reason() != ReturnReason.OTHER && units <= autoApproveMaxUnits;
  }

  public String instructions(String rmaNumber) {
    return "Pack the items with a note saying " + rmaNumber + ", write " + rmaNumber
        + " on the parcel and send it to " + returnAddress + " within " + parcelTimeout.toDays() + " days.";
  }

  /** The waits of the return workflow, as its execution input carries them (TimeoutSecondsPath). */
  public Map<String, Object> workflowSettings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("reviewTimeoutSeconds", reviewTimeout.toSeconds());
    settings.put("parcelTimeoutSeconds", parcelTimeout.toSeconds());
    settings.put("inspectionTimeoutSeconds", inspectionTimeout.toSeconds());
    settings.put("pickupTimeoutSeconds", pickupTimeout.toSeconds());
    return settings;
  }

  private static long number(Map<String, String> env, String name, long fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    long parsed = Long.parseLong(value.strip());
    if (parsed <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
    return parsed;
  }
}
