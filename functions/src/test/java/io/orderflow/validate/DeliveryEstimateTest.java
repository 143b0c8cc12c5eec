package io.orderflow.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.order.Order.ShippingSpeed;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryEstimateTest {

  @ParameterizedTest(name = "{1} ordered {0} arrives {2}")
  @CsvSource({
      // Monday: STANDARD is the next Monday, EXPRESS Wednesday.
      "2026-11-23, STANDARD, 2026-11-30",
      "2026-11-23, EXPRESS, 2026-11-25",
      // Thursday: EXPRESS skips the weekend to Monday.
      "2026-11-26, EXPRESS, 2026-11-30",
      // Friday: STANDARD lands on the next Friday.
      "2026-11-27, STANDARD, 2026-12-04",
      // Saturday and Sunday count from Monday on.
      "2026-11-28, EXPRESS, 2026-12-01",
      "2026-11-29, STANDARD, 2026-12-04",
      // Across a month and a year end.
      "2026-12-30, STANDARD, 2027-01-06",
  })
  void countsBusinessDaysAndSkipsWeekends(LocalDate ordered, ShippingSpeed speed, LocalDate expected) {
    assertThat(DeliveryEstimate.eta(ordered, speed)).isEqualTo(expected);
  }
}
