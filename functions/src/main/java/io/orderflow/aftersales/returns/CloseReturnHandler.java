package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.AftersalesWiring;
import io.orderflow.store.Adapters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow's ends without a resolution: {@code {"returnId", "status": "REJECTED"|"CLOSED",
 * "reason"}} → {@code {"returnId", "status", "statusReason"}}. Idempotent: an ended return stays
 * as it is, and a return that never came back gives its units back to the order's tally.
 */
public final class CloseReturnHandler extends ReturnStepHandler {

  private final ReturnProgress progress;

  public CloseReturnHandler() {
    this(Adapters.shared());
  }

  public CloseReturnHandler(Adapters adapters) {
    this(AftersalesWiring.progress(adapters, AftersalesWiring.policy()));
  }

  public CloseReturnHandler(ReturnProgress progress) {
    this.progress = progress;
  }

  @Override
  Object step(ReturnTask task) {
    if (task.status() == null) {
      throw new IllegalArgumentException("close-return needs a status");
    }
    ProductReturn closed = progress.close(task.returnId(), task.status(), task.reason());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("returnId", closed.returnId());
    result.put("status", closed.status());
    result.put("statusReason", closed.statusReason());
    return result;
  }
}
