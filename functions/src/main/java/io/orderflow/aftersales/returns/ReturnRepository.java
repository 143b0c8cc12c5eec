package io.orderflow.aftersales.returns;

import java.util.List;
import java.util.Optional;

/**
 * Port: returns and the per-order tally of returned units. Writes are conditional on versions
 * (optimistic locking, as for orders) and throw {@link
 * io.orderflow.order.OrderRepository.ConcurrentModification} when another writer got there first.
 */
public interface ReturnRepository {

  /** The order's tally; {@link ReturnedQuantities#none} if nothing was ever returned. */
  ReturnedQuantities returnedQuantities(String orderId);

  /**
   * Stores a new return and the order's tally after it, all or nothing, if the stored tally still
   * has {@code tallyAfter.version() - 1}.
   */
  void create(ProductReturn created, ReturnedQuantities tallyAfter);

  Optional<ProductReturn> find(String returnId);

  /** The order's returns, oldest first. */
  List<ProductReturn> findByOrder(String orderId);

  /** Stores {@code updated} if the stored return still has {@code updated.version() - 1}. */
  void update(ProductReturn updated);

  /** Like {@link #update}, together with a new tally (a return that ended gives its units back). */
  void update(ProductReturn updated, ReturnedQuantities tallyAfter);
}
