package io.orderflow.testing;

import io.orderflow.order.WorkflowCallbacks;
import java.util.ArrayList;
import java.util.List;

/** Records resumed and failed task tokens instead of calling Step Functions. */
public final class RecordingWorkflowCallbacks implements WorkflowCallbacks {

  public record Call(String taskToken, boolean success, Object output, String error, String cause) {}

  private final List<Call> calls = new ArrayList<>();

  @Override
  public synchronized boolean resume(String taskToken, Object output) {
    calls.add(new Call(taskToken, true, output, null, null));
    return true;
  }

  @Override
  public synchronized boolean fail(String taskToken, String error, String cause) {
    calls.add(new Call(taskToken, false, null, error, cause));
    return true;
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }
}
