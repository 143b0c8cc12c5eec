package io.orderflow.platform;

import java.util.List;

/**
 * The order funnel as CloudWatch metrics: handlers publish these (EMF, through Powertools) and the
 * CDK dashboard charts them, so the names live here once.
 */
public final class Metrics {

  public static final String NAMESPACE = "orderflow";

  /** Powertools' default dimension, set from {@code POWERTOOLS_SERVICE_NAME}. */
  public static final String SERVICE_DIMENSION = "service";

  /** Added to {@link #ORDERS_CANCELLED}: the order's {@code StatusReason} name. */
  public static final String REASON_DIMENSION = "reason";

  public static final String ORDERS_PLACED = "OrdersPlaced";
  public static final String ORDERS_RESERVED = "OrdersReserved";
  public static final String ORDERS_PAID = "OrdersPaid";
  public static final String ORDERS_DISPATCHED = "OrdersDispatched";
  public static final String ORDERS_DELIVERED = "OrdersDelivered";
  public static final String ORDERS_CANCELLED = "OrdersCancelled";

  /** The sweeper's actions on stranded orders (see {@code StrandedOrderSweeper}), one count per run each. */
  public static final String ORDERS_REDRIVEN = "StrandedOrdersRedriven";
  public static final String ORDERS_RESTARTED = "StrandedOrdersStarted";
  public static final String ORDERS_COMPENSATED = "StrandedOrdersCompensated";
  public static final String ORDERS_PARKED = "StrandedOrdersParked";
  public static final String SWEEP_FAILURES = "StrandedOrdersSweepFailures";

  /** The happy path's stages in lifecycle order; cancellations are counted apart, by reason. */
  public static final List<String> FUNNEL =
      List.of(ORDERS_PLACED, ORDERS_RESERVED, ORDERS_PAID, ORDERS_DISPATCHED, ORDERS_DELIVERED);

  private Metrics() {}
}
