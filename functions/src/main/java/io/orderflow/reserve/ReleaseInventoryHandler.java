package io.orderflow.reserve;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.orderflow.platform.Json;
import io.orderflow.store.Adapters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The workflow's ReleaseStock compensation: {@code {"orderId"}} → {@code {"released": true|false}}.
 * Never fails for business reasons, and releases at most once however often it runs.
 */
public final class ReleaseInventoryHandler implements RequestStreamHandler {

  record Task(String orderId) {}

  record Result(boolean released) {}

  private final ReservationService reservations;

  public ReleaseInventoryHandler() {
    this(settling(Adapters.shared()));
  }

  public ReleaseInventoryHandler(ReservationService reservations) {
    this.reservations = reservations;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    Task task = Json.MAPPER.readValue(input, Task.class);
    if (task.orderId() == null) {
      throw new IllegalArgumentException("release needs an orderId");
    }
    Json.MAPPER.writeValue(output, new Result(reservations.release(task.orderId())));
  }

  /**
   * The service for functions that only end reservations (release, expiry): they never create
   * one, so the time-to-live plays no part.
   */
  static ReservationService settling(Adapters adapters) {
    return new ReservationService(
        adapters.orders(), adapters.inventory(), adapters.clock(), ReservationService.DEFAULT_TTL);
  }
}
