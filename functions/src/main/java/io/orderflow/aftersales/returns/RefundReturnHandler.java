package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.AftersalesWiring;
import io.orderflow.store.Adapters;
import java.util.Map;

/**
 * The workflow's RefundReturn step: {@code {"returnId"}} → {@code {"returnId", "refunded": Money}}.
 * Refunds the accepted units through the order's payment ledger once per return (never above
 * captured minus refunded) and puts resellable units back in stock.
 */
public final class RefundReturnHandler extends ReturnStepHandler {

  private final ReturnSettlement settlement;

  public RefundReturnHandler() {
    this(Adapters.shared());
  }

  public RefundReturnHandler(Adapters adapters) {
    this(AftersalesWiring.settlement(adapters));
  }

  public RefundReturnHandler(ReturnSettlement settlement) {
    this.settlement = settlement;
  }

  @Override
  Object step(ReturnTask task) {
    return Map.of("returnId", task.returnId(), "refunded", settlement.refund(task.returnId()));
  }
}
