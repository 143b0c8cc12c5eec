package io.orderflow.track;

import io.orderflow.order.StatusReason;
import java.time.Instant;

/**
 * One tracking event as a carrier posts it to the webhook. {@code occurredAt}, {@code location}
 * and {@code exception} may be absent; {@code exception} is present for {@link
 * CarrierStatus#EXCEPTION}.
 */
public record CarrierEvent(
    String eventId,
    String trackingNumber,
    CarrierStatus status,
    Instant occurredAt,
    String location,
    Problem exception) {

  /** What went wrong, for an exception: one of {@link DeliveryException#CODES}. */
  public record Problem(StatusReason code, String message) {}
}
