package io.orderflow.store;

import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Metrics;
import java.util.Optional;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

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
   * On Lambda, CloudWatch metrics in EMF through Powertools (one log line per stage reached);
   * elsewhere {@link #NONE}, as Powertools' EMF writer would otherwise look for a CloudWatch agent.
   */
  static OrderFunnel fromEnvironment() {
    return System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null ? NONE : OrderFunnel::emit;
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

  private static void emit(Order order) {
    metricFor(order.status()).ifPresent(metric -> {
      DimensionSet dimensions = DimensionSet.of(Metrics.SERVICE_DIMENSION, service());
      if (order.status() == OrderStatus.CANCELLED && order.statusReason() != null) {
        dimensions.addDimension(Metrics.REASON_DIMENSION, order.statusReason().name());
      }
      MetricsFactory.getMetricsInstance()
          .flushSingleMetric(metric, 1, MetricUnit.COUNT, Metrics.NAMESPACE, dimensions);
    });
  }

  private static String service() {
    String service = System.getenv("POWERTOOLS_SERVICE_NAME");
    return service == null || service.isBlank() ? "orderflow" : service;
  }
}
