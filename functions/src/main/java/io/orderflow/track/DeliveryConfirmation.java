package io.orderflow.track;

import java.time.Instant;

/** What resumes the AwaitDelivery task: the carrier delivered the parcel. */
public record DeliveryConfirmation(String trackingNumber, Instant deliveredAt) {}
