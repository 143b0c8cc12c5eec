package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.NotFound;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import java.util.function.Function;

/**
 * Read-change-write of one return under optimistic locking, re-applying the change when another
 * writer got there first (the counterpart of {@link io.orderflow.order.OrderUpdater}).
 */
final class ReturnUpdater {

  private static final int ATTEMPTS = 8;

  private final ReturnRepository returns;

  ReturnUpdater(ReturnRepository returns) {
    this.returns = returns;
  }

  /** The return before and after the change; {@code after == before} when nothing changed. */
  record Change(ProductReturn before, ProductReturn after) {
    boolean changed() {
      return before != after;
    }
  }

  ProductReturn find(String returnId) {
    return returns.find(returnId).orElseThrow(() -> new NotFound("no return " + returnId));
  }

  /**
   * Applies {@code change} (which returns its argument for "no change", and may run several times)
   * and stores the result. {@code tally} adjusts the order's returned quantities in the same write,
   * or is null when they stay as they are.
   */
  Change apply(String returnId, Function<ProductReturn, ProductReturn> change,
      Function<Change, ReturnedQuantities> tally) {
    for (int attempt = 1; ; attempt++) {
      ProductReturn current = find(returnId);
      Change result = new Change(current, change.apply(current));
      if (!result.changed()) {
        return result;
      }
      try {
        ReturnedQuantities after = tally == null ? null : tally.apply(result);
        if (after == null) {
          returns.update(result.after());
        } else {
          returns.update(result.after(), after);
        }
        return result;
      } catch (ConcurrentModification e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  Change apply(String returnId, Function<ProductReturn, ProductReturn> change) {
    return apply(returnId, change, null);
  }
}
