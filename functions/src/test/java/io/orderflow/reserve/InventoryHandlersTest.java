package io.orderflow.reserve;

import static io.orderflow.testing.OrderStepsFixture.ORDER_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Json;
import io.orderflow.testing.OrderStepsFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryHandlersTest {

  private final OrderStepsFixture fixture = new OrderStepsFixture();

  @Test
  void reserveAnswersReserved() throws IOException {
    fixture.place("tok_visa");
    fixture.validation().validate(ORDER_ID);

    JsonNode result = invoke(new ReserveInventoryHandler(fixture.reservations()), "reserve");

    assertThat(result.path("status").asText()).isEqualTo("RESERVED");
    assertThat(fixture.order().status()).isEqualTo(OrderStatus.RESERVED);
  }

  @Test
  void reserveKeepsTheReservationPastTheExecutionsHoldAndPickupWindows() throws IOException {
    fixture.place("tok_visa");
    fixture.validation().validate(ORDER_ID);
    ReservationService oneHour = new ReservationService(
        fixture.orders, fixture.inventory, fixture.clock, Duration.ofHours(1));

    invoke(new ReserveInventoryHandler(oneHour), "reserve");

    // The sample task carries the default settings: a 3-day hold and a 2-day pickup window.
    assertThat(fixture.inventory.expiresAt(ORDER_ID))
        .isEqualTo(fixture.clock.instant().plus(Duration.ofDays(5)).plus(ReservationService.PICKUP_MARGIN));
  }

  @Test
  void reserveFailsWithOutOfStockForTheWorkflowToCatch() {
    fixture.inventory.setAvailable("SKU-1", 0);
    fixture.place("tok_visa");
    fixture.validation().validate(ORDER_ID);

    assertThatThrownBy(() -> invoke(new ReserveInventoryHandler(fixture.reservations()), "reserve"))
        .isExactlyInstanceOf(OutOfStock.class);
  }

  @Test
  void releaseAnswersWhetherItReleasedAndIsSafeToRepeat() throws IOException {
    fixture.reserved("tok_visa");
    ReleaseInventoryHandler handler = new ReleaseInventoryHandler(fixture.reservations());

    assertThat(invoke(handler, "release").path("released").asBoolean()).isTrue();
    assertThat(invoke(handler, "release").path("released").asBoolean()).isFalse();
    assertThat(fixture.inventory.level("SKU-1").available()).isEqualTo(10);
  }

  @Test
  void theReservationTtlComesFromTheEnvironment() {
    assertThat(ReserveInventoryHandler.reservationTtl(Map.of())).isEqualTo(ReservationService.DEFAULT_TTL);
    assertThat(ReserveInventoryHandler.reservationTtl(Map.of("RESERVATION_TTL_MINUTES", "90")))
        .isEqualTo(Duration.ofMinutes(90));
  }

  private static JsonNode invoke(RequestStreamHandler handler, String step) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (InputStream input = InventoryHandlersTest.class.getResourceAsStream("/events/steps/" + step + ".json")) {
      handler.handleRequest(input, output, null);
    }
    return Json.MAPPER.readTree(output.toByteArray());
  }
}
