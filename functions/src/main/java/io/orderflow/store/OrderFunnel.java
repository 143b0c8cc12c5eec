package io.orderflow.store;

import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Metrics;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Counts orders into the funnel the dashboard charts. The order repository calls it after a write
 * that changed an order's status, so every handler that moves orders is counted, once per move.
 */
@FunctionalInterface
public interface OrderFunnel {

  /** The order now has its status: count it if that status is a funnel stage. */
  void reached(Order order);

  /** Counts nothing: outside Lambda there is no CloudWatch to read the metrics. */
  OrderFunnel NONE = order -> {};

  /**
   * On Lambda, CloudWatch metrics in EMF written to stdout, where Lambda hands them to CloudWatch
   * Logs; elsewhere {@link #NONE}.
   */
  static OrderFunnel fromEnvironment() {
    if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
      return NONE;
    }
    String service = System.getenv("POWERTOOLS_SERVICE_NAME");
    return new EmfOrderFunnel(System.out::println, Clock.systemUTC(),
        service == null || service.isBlank() ? "orderflow" : service);
  }

  /** The funnel metric an order in {@code status} counts towards, if any. */
  static Optional<String> metricFor(OrderStatus status) {
    return Optional.ofNullable(switch (status) {
      case PENDING -> Metrics.ORDERS_PLACED;
      case RESERVED -> Metrics.ORDERS_RESERVED;
      case PAID -> Metrics.ORDERS_PAID;
      case DISPATCHED -> Metrics.ORDERS_DISPATCHED;
      case DELIVERED -> Metrics.ORDERS_DELIVERED;
      case CANCELLED -> Metrics.ORDERS_CANCELLED;
      default -> null;
    });
  }

  /** Writes each count as one line of CloudWatch embedded metric format. */
  static OrderFunnel emf(Consumer<String> out, Clock clock, String service) {
    return new EmfOrderFunnel(out, clock, service);
  }
}
