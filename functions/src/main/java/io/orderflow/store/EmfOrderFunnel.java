package io.orderflow.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Json;
import io.orderflow.platform.Metrics;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The funnel as CloudWatch embedded metric format: one JSON object per count, printed as its own
 * line (not inside a structured log record, where CloudWatch would not look for {@code _aws}).
 * Written by hand because the format is small and a metrics library would cost the Lambda jar
 * more than half a megabyte.
 */
final class EmfOrderFunnel implements OrderFunnel {

  private final Consumer<String> out;
  private final Clock clock;
  private final String service;

  EmfOrderFunnel(Consumer<String> out, Clock clock, String service) {
    this.out = out;
    this.clock = clock;
    this.service = service;
  }

  @Override
  public void reached(Order order) {
    OrderFunnel.metricFor(order.status()).ifPresent(metric -> out.accept(document(metric, order)));
  }

  private String document(String metric, Order order) {
    boolean byReason = order.status() == OrderStatus.CANCELLED && order.statusReason() != null;
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode directive = root.putObject("_aws").put("Timestamp", clock.millis())
        .putArray("CloudWatchMetrics").addObject().put("Namespace", Metrics.NAMESPACE);
    ArrayNode dimensions = directive.putArray("Dimensions").addArray().add(Metrics.SERVICE_DIMENSION);
    if (byReason) {
      dimensions.add(Metrics.REASON_DIMENSION);
    }
    directive.putArray("Metrics").addObject().put("Name", metric).put("Unit", "Count");
    root.put(Metrics.SERVICE_DIMENSION, service);
    if (byReason) {
      root.put(Metrics.REASON_DIMENSION, order.statusReason().name());
    }
    root.put(metric, 1);
    root.put("orderId", order.orderId());
    return Json.write(root);
  }
}
