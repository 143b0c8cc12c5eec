package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.AftersalesWiring;
import io.orderflow.store.Adapters;
import java.util.Map;

/**
 * The workflow's CompleteExchange step, once the carrier has the replacement: {@code {"returnId"}}
 * → {@code {"returnId", "status": "EXCHANGED", "replacementOrderId"}}; resellable units go back
 * in stock once.
 */
public final class CompleteExchangeHandler extends ReturnStepHandler {

  private final ReturnSettlement settlement;

  public CompleteExchangeHandler() {
    this(Adapters.shared());
  }

  public CompleteExchangeHandler(Adapters adapters) {
    this(AftersalesWiring.settlement(adapters));
  }

  public CompleteExchangeHandler(ReturnSettlement settlement) {
    this.settlement = settlement;
  }

  @Override
  Object step(ReturnTask task) {
    ProductReturn exchanged = settlement.completeExchange(task.returnId());
    return Map.of("returnId", exchanged.returnId(), "status", exchanged.status(),
        "replacementOrderId", exchanged.replacementOrderId());
  }
}
