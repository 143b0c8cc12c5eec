package io.orderflow.reserve;

import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;
import java.time.Duration;
import java.util.Map;

/**
 * The workflow's Reserve step: {@code {"orderId"}} → {@code {"status": "RESERVED"}}, or the error
 * {@code io.orderflow.reserve.OutOfStock} after recording the cancellation. Reservations expire
 * after {@code RESERVATION_TTL_MINUTES} (default: {@link ReservationService#DEFAULT_TTL}).
 */
public final class ReserveInventoryHandler extends StepHandler<ReserveInventoryHandler.Task> {

  static final String TTL_VARIABLE = "RESERVATION_TTL_MINUTES";

  /**
   * @param settings the execution's waits (its input's {@code settings}); absent in a hand-made task
   */
  record Task(String orderId, Waits settings) {}

  /** The waits between reserving and pickup, whose end the reservation must outlive. */
  record Waits(long holdTimeoutSeconds, long pickupTimeoutSeconds) {

    Duration untilPickup() {
      return Duration.ofSeconds(holdTimeoutSeconds + pickupTimeoutSeconds);
    }
  }

  record Result(String status) {}

  private final ReservationService reservations;

  public ReserveInventoryHandler() {
    this(fromEnvironment(Adapters.shared(), System.getenv()));
  }

  public ReserveInventoryHandler(ReservationService reservations) {
    super(Task.class);
    this.reservations = reservations;
  }

  @Override
  protected Object run(Task task) {
    require(task.orderId() != null, "reserve needs an orderId");
    reservations.reserve(task.orderId(), task.settings() == null ? Duration.ZERO : task.settings().untilPickup());
    return new Result("RESERVED");
  }

  static Duration reservationTtl(Map<String, String> environment) {
    String minutes = environment.get(TTL_VARIABLE);
    return minutes == null || minutes.isBlank()
        ? ReservationService.DEFAULT_TTL
        : Duration.ofMinutes(Long.parseLong(minutes.strip()));
  }

  private static ReservationService fromEnvironment(Adapters adapters, Map<String, String> environment) {
    return new ReservationService(
        adapters.orders(), adapters.inventory(), adapters.clock(), reservationTtl(environment),
        HoldLimit.fromEnvironment(environment));
  }
}
