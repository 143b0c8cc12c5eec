package io.orderflow.local.carrier;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.dispatch.CarrierRequest;
import io.orderflow.order.Address;
import io.orderflow.order.Order.ShippingSpeed;
import io.orderflow.order.StatusReason;
import io.orderflow.track.CarrierEvent;
import io.orderflow.track.CarrierStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarrierSimulatorTest {

  @Test
  void aParcelToAnOrdinaryAddressIsPickedUpCarriedAndDelivered() {
    List<CarrierEvent> journey = CarrierSimulator.journey(request("62701"));

    assertThat(journey).extracting(CarrierEvent::status).containsExactly(
        CarrierStatus.PICKED_UP, CarrierStatus.IN_TRANSIT, CarrierStatus.OUT_FOR_DELIVERY, CarrierStatus.DELIVERED);
    assertThat(journey).extracting(CarrierEvent::trackingNumber).containsOnly("SIM123");
    assertThat(journey).filteredOn(CarrierSimulator::sentTwice).extracting(CarrierEvent::status)
        .containsExactly(CarrierStatus.PICKED_UP, CarrierStatus.DELIVERED);
  }

  @Test
  void theTestPostalCodesGoWrongWhereTheyWouldInRealLife() {
    List<CarrierEvent> addressIssue = CarrierSimulator.journey(request("00000"));
    List<CarrierEvent> lost = CarrierSimulator.journey(request("99999"));

    assertThat(addressIssue).extracting(CarrierEvent::status).containsExactly(
        CarrierStatus.PICKED_UP, CarrierStatus.IN_TRANSIT, CarrierStatus.OUT_FOR_DELIVERY, CarrierStatus.EXCEPTION);
    assertThat(addressIssue.get(3).exception().code()).isEqualTo(StatusReason.ADDRESS_ISSUE);
    assertThat(lost).extracting(CarrierEvent::status).containsExactly(CarrierStatus.PICKED_UP, CarrierStatus.EXCEPTION);
    assertThat(lost.get(1).exception().code()).isEqualTo(StatusReason.LOST);
  }

  @Test
  void aRedeliveredRequestReplaysTheSameEventIds() {
    assertThat(CarrierSimulator.journey(request("62701"))).extracting(CarrierEvent::eventId)
        .isEqualTo(CarrierSimulator.journey(request("62701")).stream().map(CarrierEvent::eventId).toList())
        .doesNotHaveDuplicates();
  }

  private static CarrierRequest request(String postalCode) {
    Address address = new Address("Li Lei", "1 Main St", null, "Springfield", "IL", postalCode, "US", null);
    return new CarrierRequest("o-1", CarrierSimulator.CARRIER, "SIM123", address, ShippingSpeed.STANDARD,
        List.of(new CarrierRequest.ParcelLine("SKU-1", 2)), Instant.now());
  }
}
