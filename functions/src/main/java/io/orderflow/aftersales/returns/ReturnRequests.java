package io.orderflow.aftersales.returns;

import io.orderflow.aftersales.Conflict;
import io.orderflow.aftersales.InvalidInput;
import io.orderflow.aftersales.InvalidInput.Problem;
import io.orderflow.aftersales.NotFound;
import io.orderflow.intake.WorkflowStarter;
import io.orderflow.order.Order;
import io.orderflow.order.OrderRepository;
import io.orderflow.order.OrderRepository.ConcurrentModification;
import io.orderflow.order.OrderStatus;
import io.orderflow.platform.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer asks to return units of a delivered order: the rules of API.md are checked, the return
 * is stored with the order's tally of returned units in one conditional write, and the return
 * workflow starts (execution name = return id).
 */
public final class ReturnRequests {

  private static final int ATTEMPTS = 8;

  private final OrderRepository orders;
  private final ReturnRepository returns;
  private final ReturnJournal journal;
  private final WorkflowStarter workflow;
  private final ReturnPolicy policy;
  private final Clock clock;

  public ReturnRequests(OrderRepository orders, ReturnRepository returns, ReturnJournal journal,
      WorkflowStarter workflow, ReturnPolicy policy, Clock clock) {
    this.orders = orders;
    this.returns = returns;
    this.journal = journal;
    this.workflow = workflow;
    this.policy = policy;
    this.clock = clock;
  }

  /** What the customer asked for; lines as sent, so problems name {@code lines[i]}. */
  public record Request(List<ReturnLine> lines, ReturnReason reason, Resolution resolution, String comment) {}

  /**
   * @throws NotFound for an unknown order or another customer's
   * @throws Conflict when the order is not delivered, the window has passed, or earlier returns
   *     already cover the units
   * @throws InvalidInput for a SKU not in the order or more units than were delivered
   */
  public ProductReturn request(String customerId, String orderId, Request request) {
    Order order = orders.find(orderId)
        .filter(o -> o.belongsTo(customerId))
        .orElseThrow(() -> new NotFound("no order " + orderId));
    Instant now = clock.instant();
    if (order.status() != OrderStatus.DELIVERED && order.status() != OrderStatus.COMPLETED) {
      throw new Conflict("only delivered orders can be returned; this one is " + order.status());
    }
    if (!policy.withinWindow(order, now)) {
      throw new Conflict("the return window of " + policy.window().toDays() + " days after delivery has passed");
    }
    Map<String, Integer> wanted = checkAgainstDelivered(order, request.lines());
    ProductReturn created = store(order, wanted, request, now);
    journal.record(created, "RETURN_REQUESTED", Map.of("lines", wanted, "reason", request.reason().name(),
        "resolution", request.resolution().name()));
    workflow.start(created.returnId(), Json.write(workflowInput(created)));
    return created;
  }

  private static Map<String, Integer> checkAgainstDelivered(Order order, List<ReturnLine> lines) {
    Map<String, Integer> delivered = order.quantitiesBySku();
    Map<String, Integer> wanted = new LinkedHashMap<>();
    List<Problem> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      ReturnLine line = lines.get(i);
      if (!delivered.containsKey(line.sku())) {
        problems.add(new Problem("lines[" + i + "].sku", "is not in this order"));
        continue;
      }
      int total = wanted.merge(line.sku(), line.quantity(), Integer::sum);
      if (total > delivered.get(line.sku())) {
        problems.add(new Problem("lines[" + i + "].quantity",
            "more than the " + delivered.get(line.sku()) + " delivered of " + line.sku()));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return wanted;
  }

  /** Re-reads the tally after a lost race, so the loser is checked against the winner's units. */
  private ProductReturn store(Order order, Map<String, Integer> wanted, Request request, Instant now) {
    Map<String, Integer> delivered = order.quantitiesBySku();
    for (int attempt = 1; ; attempt++) {
      ReturnedQuantities tally = returns.returnedQuantities(order.orderId());
      wanted.forEach((sku, quantity) -> {
        int left = delivered.get(sku) - tally.of(sku);
        if (quantity > left) {
          throw new Conflict("only " + left + " of " + sku + " can still be returned; earlier returns cover the rest");
        }
      });
      ReturnedQuantities after = tally.plus(wanted);
      List<ReturnLine> lines = wanted.entrySet().stream().map(e -> new ReturnLine(e.getKey(), e.getValue())).toList();
      ProductReturn created = ProductReturn.request(
          ReturnIds.of(order.orderId(), after.version()), order.orderId(), order.customerId(), lines,
          request.reason(), request.resolution(), request.comment(), now);
      try {
        returns.create(created, after);
        return created;
      } catch (ConcurrentModification e) {
        if (attempt == ATTEMPTS) {
          throw new Conflict("too many simultaneous returns for this order; try again");
        }
      }
    }
  }

  private Map<String, Object> workflowInput(ProductReturn created) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("returnId", created.returnId());
    input.put("orderId", created.orderId());
    input.put("resolution", created.resolution().name());
    input.put("settings", policy.workflowSettings());
    return input;
  }
}
