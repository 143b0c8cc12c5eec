package io.orderflow.dispatch;

import java.time.Instant;

/** What resumes the Dispatch task: the carrier collected the parcel. */
public record PickupConfirmation(String trackingNumber, Instant pickedUpAt) {}
