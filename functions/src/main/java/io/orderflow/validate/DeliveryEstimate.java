package io.orderflow.validate;

import io.orderflow.order.Order.ShippingSpeed;
import java.time.DayOfWeek;
import java.time.LocalDate;

/** The promised delivery date: a number of business days by shipping speed; weekends do not count. */
final class DeliveryEstimate {

  private DeliveryEstimate() {}

  static int businessDays(ShippingSpeed speed) {
    return switch (speed) {
      case STANDARD -> 5;
      case EXPRESS -> 2;
    };
  }

  /** The date {@code speed}'s business days after {@code orderDate}. */
  static LocalDate eta(LocalDate orderDate, ShippingSpeed speed) {
    LocalDate date = orderDate;
    for (int left = businessDays(speed); left > 0; ) {
      date = date.plusDays(1);
      if (isBusinessDay(date)) {
        left--;
      }
    }
    return date;
  }

  private static boolean isBusinessDay(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
  }
}
