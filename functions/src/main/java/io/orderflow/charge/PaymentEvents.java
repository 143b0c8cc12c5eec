package io.orderflow.charge;

import io.orderflow.order.Money;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TimelineEvent;
import java.time.Instant;
import java.util.Map;

/** Timeline events for money movements, one shape for all: amount, currency, provider reference. */
public final class PaymentEvents {

  private PaymentEvents() {}

  /** A movement of {@code amount} (PAYMENT_AUTHORIZED, PAYMENT_REFUNDED, …) with its reference. */
  public static TimelineEvent moved(Instant at, String type, OrderStatus status, Money amount, String reference) {
    return new TimelineEvent(at, type, status, Map.of(
        "amount", amount.amountString(),
        "currency", amount.currencyCode(),
        "reference", reference));
  }
}
