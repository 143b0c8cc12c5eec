package io.orderflow.reserve;

import io.orderflow.platform.StepHandler;
import io.orderflow.store.Adapters;

/**
 * The workflow's ReleaseStock compensation: {@code {"orderId"}} → {@code {"released": true|false}}.
 * Never fails for business reasons, and releases at most once however often it runs.
 */
public final class ReleaseInventoryHandler extends StepHandler<ReleaseInventoryHandler.Task> {

  record Task(String orderId) {}

  record Result(boolean released) {}

  private final ReservationService reservations;

  public ReleaseInventoryHandler() {
    this(settling(Adapters.shared()));
  }

  public ReleaseInventoryHandler(ReservationService reservations) {
    super(Task.class);
    this.reservations = reservations;
  }

  @Override
  protected Object run(Task task) {
    require(task.orderId() != null, "release needs an orderId");
    return new Result(reservations.release(task.orderId()));
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
