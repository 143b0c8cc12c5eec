package io.orderflow.testing;

import io.orderflow.aftersales.returns.ProductReturn;
import io.orderflow.aftersales.returns.ReturnRepository;
import io.orderflow.aftersales.returns.ReturnedQuantities;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Returns in memory; one lock stands in for DynamoDB's conditional transactions. */
public final class InMemoryReturnRepository implements ReturnRepository {

  private final Map<String, ProductReturn> returns = new HashMap<>();
  private final Map<String, ReturnedQuantities> tallies = new HashMap<>();

  @Override
  public synchronized ReturnedQuantities returnedQuantities(String orderId) {
    return tallies.getOrDefault(orderId, ReturnedQuantities.none(orderId));
  }

  @Override
  public synchronized void create(ProductReturn created, ReturnedQuantities tallyAfter) {
    if (returns.containsKey(created.returnId()) || returnedQuantities(created.orderId()).version() != tallyAfter.version() - 1) {
      throw new ConcurrentModification(created.orderId());
    }
    returns.put(created.returnId(), created);
    tallies.put(created.orderId(), tallyAfter);
  }

  @Override
  public synchronized Optional<ProductReturn> find(String returnId) {
    return Optional.ofNullable(returns.get(returnId));
  }

  @Override
  public synchronized List<ProductReturn> findByOrder(String orderId) {
    return returns.values().stream()
        .filter(r -> r.orderId().equals(orderId))
        .sorted(Comparator.comparing(ProductReturn::requestedAt).thenComparing(ProductReturn::returnId))
        .toList();
  }

  @Override
  public synchronized void update(ProductReturn updated) {
    checkVersion(updated);
    returns.put(updated.returnId(), updated);
  }

  @Override
  public synchronized void update(ProductReturn updated, ReturnedQuantities tallyAfter) {
    checkVersion(updated);
    if (returnedQuantities(updated.orderId()).version() != tallyAfter.version() - 1) {
      throw new ConcurrentModification(updated.orderId());
    }
    returns.put(updated.returnId(), updated);
    tallies.put(updated.orderId(), tallyAfter);
  }

  private void checkVersion(ProductReturn updated) {
    ProductReturn stored = returns.get(updated.returnId());
    if (stored == null || stored.version() != updated.version() - 1) {
      throw new ConcurrentModification(updated.orderId());
    }
  }
}
