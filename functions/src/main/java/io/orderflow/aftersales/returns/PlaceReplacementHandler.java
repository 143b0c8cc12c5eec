package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.AftersalesWiring;
import io.orderflow.store.Adapters;
import java.util.Map;

/**
 * The workflow's PlaceReplacement step: {@code {"returnId"}} → {@code {"replacementOrderId"}}, a
 * PAID order for the accepted units with its stock reserved, the same one on a retry. Throws
 * {@link io.orderflow.reserve.OutOfStock} when the units are not there: the workflow refunds.
 */
public final class PlaceReplacementHandler extends ReturnStepHandler {

  private final ReturnSettlement settlement;

  public PlaceReplacementHandler() {
    this(Adapters.shared());
  }

  public PlaceReplacementHandler(Adapters adapters) {
    this(AftersalesWiring.settlement(adapters));
  }

  public PlaceReplacementHandler(ReturnSettlement settlement) {
    this.settlement = settlement;
  }

  @Override
  Object step(ReturnTask task) {
    return Map.of("replacementOrderId", settlement.placeReplacement(task.returnId()));
  }
}
