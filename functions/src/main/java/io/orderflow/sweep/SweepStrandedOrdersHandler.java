package io.orderflow.sweep;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.orderflow.charge.PaymentService;
import io.orderflow.intake.ExecutionSettings;
import io.orderflow.intake.FulfillmentStarter;
import io.orderflow.platform.Json;
import io.orderflow.refund.RefundService;
import io.orderflow.reserve.ReservationService;
import io.orderflow.store.Adapters;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Runs {@link StrandedOrderSweeper} on a schedule (an EventBridge rule on AWS, a timer in the
 * local stack): one JSON log line per action, the counts as metrics. A run in which some orders
 * could not be handled fails after handling the rest, so the function's error alarm tells ops;
 * the next run tries those orders again.
 *
 * <p>The scheduled event is taken as a plain map: the sweeper needs nothing from it, and the
 * {@code ScheduledEvent} type would pull date classes into the deployment package for nothing.
 */
public final class SweepStrandedOrdersHandler implements RequestHandler<Map<String, Object>, StrandedOrderSweeper.Report> {

  private static final Logger LOG = LogManager.getLogger(SweepStrandedOrdersHandler.class);

  private final StrandedOrderSweeper sweeper;
  private final SweepMetrics metrics;

  public SweepStrandedOrdersHandler() {
    this(fromAdapters(Adapters.shared(), SweepSettings.fromEnvironment(System.getenv()),
            ExecutionSettings.fromEnvironment(System.getenv())),
        SweepMetrics.fromEnvironment(System.getenv()));
  }

  public SweepStrandedOrdersHandler(StrandedOrderSweeper sweeper, SweepMetrics metrics) {
    this.sweeper = sweeper;
    this.metrics = metrics;
  }

  @Override
  public StrandedOrderSweeper.Report handleRequest(Map<String, Object> event, Context context) {
    StrandedOrderSweeper.Report report = sweeper.sweep(swept -> LOG.info(Json.write(swept)));
    metrics.publish(report);
    if (report.failed() > 0) {
      throw new SweepIncomplete(report);
    }
    return report;
  }

  /** The sweeper over the adapters, starting executions with the intake function's settings. */
  public static StrandedOrderSweeper fromAdapters(Adapters adapters, SweepSettings settings, ExecutionSettings executionSettings) {
    return new StrandedOrderSweeper(
        adapters.orders(),
        adapters.fulfillmentExecutions(),
        new FulfillmentStarter(adapters.workflowStarter(), executionSettings),
        new PaymentService(adapters.orders(), adapters.payments(), adapters.idempotency(), adapters.clock(),
        adapters.paymentLease()),
        new RefundService(adapters.orders(), adapters.payments(), adapters.idempotency(), adapters.clock(),
        adapters.paymentLease()),
        new ReservationService(adapters.orders(), adapters.inventory(), adapters.clock(), ReservationService.DEFAULT_TTL),
        adapters.clock(),
        settings);
  }

  /** Some orders could not be handled this run (each is logged); the next run tries them again. */
  public static final class SweepIncomplete extends RuntimeException {
    SweepIncomplete(StrandedOrderSweeper.Report report) {
      super(report.failed() + " of " + report.examined() + " stranded orders could not be handled: " + Json.write(report));
    }
  }
}
