package io.orderflow.reserve;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;

/**
 * The workflow's Reserve step: {@code {"orderId"}} → {@code {"status": "RESERVED"}}, or the error
 * {@code io.orderflow.reserve.OutOfStock} after recording the cancellation. Reservations expire
 * after {@code RESERVATION_TTL_MINUTES} (default: {@link ReservationService#DEFAULT_TTL}).
 */
public final class ReserveInventoryHandler implements RequestStreamHandler {

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
    this.reservations = reservations;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Task task = Json.MAPPER.readValue(input, Task.class);
    if (task.orderId() == null) {
      throw new IllegalArgumentException("reserve needs an orderId");
    }
    reservations.reserve(task.orderId(), task.settings() == null ? Duration.ZERO : task.settings().untilPickup());
    Json.MAPPER.writeValue(output, new Result("RESERVED"));
  }

  static Duration reservationTtl(Map<String, String> environment) {
    String minutes = environment.get(TTL_VARIABLE);
    return minutes == null || minutes.isBlank()
        ? ReservationService.DEFAULT_TTL
        : Duration.ofMinutes(Long.parseLong(minutes.strip()));
  }

  private static ReservationService fromEnvironment(Adapters adapters, Map<String, String> environment) {
    return new ReservationService(
        adapters.orders(), adapters.inventory(), adapters.clock(), reservationTtl(environment));
  }
}
