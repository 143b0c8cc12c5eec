package io.orderflow.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.platform.Json;
import io.orderflow.platform.Metrics;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A sweep's counts as CloudWatch metrics: one line of embedded metric format per run, which
 * Lambda hands to CloudWatch Logs (the same hand-written format as the order funnel's).
 */
@FunctionalInterface
public interface SweepMetrics {

  void publish(StrandedOrderSweeper.Report report);

  /** Publishes nothing: outside Lambda there is no CloudWatch to read them. */
  SweepMetrics NONE = report -> {};

  /** On Lambda, EMF on stdout; elsewhere {@link #NONE}. */
  static SweepMetrics fromEnvironment(Map<String, String> environment) {
    if (environment.get("AWS_LAMBDA_FUNCTION_NAME") == null) {
      return NONE;
    }
    String service = environment.get("POWERTOOLS_SERVICE_NAME");
    return emf(System.out::println, Clock.systemUTC(), service == null || service.isBlank() ? "orderflow" : service);
  }

  /** Writes each report as one EMF document holding every count, zeros included (a flat line charts as "nothing stranded"). */
  static SweepMetrics emf(Consumer<String> out, Clock clock, String service) {
    return report -> {
      Map<String, Integer> counts = new LinkedHashMap<>();
      counts.put(Metrics.ORDERS_REDRIVEN, report.redriven());
      counts.put(Metrics.ORDERS_RESTARTED, report.started());
      counts.put(Metrics.ORDERS_COMPENSATED, report.compensated());
      counts.put(Metrics.ORDERS_PARKED, report.parked());
      counts.put(Metrics.SWEEP_FAILURES, report.failed());
      ObjectNode root = Json.MAPPER.createObjectNode();
      ObjectNode directive = root.putObject("_aws").put("Timestamp", clock.millis())
          .putArray("CloudWatchMetrics").addObject().put("Namespace", Metrics.NAMESPACE);
      directive.putArray("Dimensions").addArray().add(Metrics.SERVICE_DIMENSION);
      ArrayNode metrics = directive.putArray("Metrics");
      root.put(Metrics.SERVICE_DIMENSION, service);
      counts.forEach((name, count) -> {
        metrics.addObject().put("Name", name).put("Unit", "Count");
        root.put(name, count);
      });
      out.accept(Json.write(root));
    };
  }
}
