package io.orderflow.sweep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Executions by order id, redriven the way Step Functions does it: a redrive of a stopped
 * execution makes it RUNNING again, a repeated client token is answered without a second redrive,
 * and an execution marked not redrivable is refused.
 */
final class FakeExecutions implements FulfillmentExecutions {

  private final Map<String, Execution> executions = new HashMap<>();
  private final Set<String> notRedrivable = new HashSet<>();
  private final Set<String> usedTokens = new HashSet<>();
  private final List<String> redrives = new ArrayList<>();

  synchronized FakeExecutions with(String orderId, Status status, int redriveCount) {
    executions.put(orderId, new Execution(status, redriveCount));
    return this;
  }

  synchronized FakeExecutions notRedrivable(String orderId) {
    notRedrivable.add(orderId);
    return this;
  }

  /** The redrives that happened, as "orderId token". */
  synchronized List<String> redrives() {
    return List.copyOf(redrives);
  }

  @Override
  public synchronized Optional<Execution> describe(String orderId) {
    return Optional.ofNullable(executions.get(orderId));
  }

  @Override
  public synchronized boolean redrive(String orderId, String clientToken) {
    Execution execution = executions.get(orderId);
    if (execution == null || notRedrivable.contains(orderId)) {
      return false;
    }
    if (usedTokens.add(orderId + " " + clientToken)) {
      if (execution.status() == Status.RUNNING || execution.status() == Status.SUCCEEDED) {
        return false;
      }
      executions.put(orderId, new Execution(Status.RUNNING, execution.redriveCount() + 1));
      redrives.add(orderId + " " + clientToken);
    }
    return true;
  }
}
