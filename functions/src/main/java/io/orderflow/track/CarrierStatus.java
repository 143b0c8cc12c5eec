package io.orderflow.track;

/** A carrier's scan of a parcel, in the order of the parcel's journey. */
public enum CarrierStatus {
  PICKED_UP(1, "PICKED_UP"),
  IN_TRANSIT(2, "IN_TRANSIT"),
  OUT_FOR_DELIVERY(3, "OUT_FOR_DELIVERY"),
  DELIVERED(4, "DELIVERED"),
  EXCEPTION(4, "DELIVERY_EXCEPTION");

  private final int leg;
  private final String timelineType;

  CarrierStatus(int leg, String timelineType) {
    this.leg = leg;
    this.timelineType = timelineType;
  }

  /** The order timeline's event type for this scan. */
  public String timelineType() {
    return timelineType;
  }

  /**
   * Whether this scan moves a parcel on from {@code shipmentStatus}, the last status a shipment
   * recorded (a scan's name, or the dispatch step's {@code LABEL_CREATED}). Delivery and an
   * exception both end the journey: neither follows the other.
   */
  public boolean isAfter(String shipmentStatus) {
    for (CarrierStatus recorded : values()) {
      if (recorded.name().equals(shipmentStatus)) {
        return leg > recorded.leg;
      }
    }
    return true;
  }
}
