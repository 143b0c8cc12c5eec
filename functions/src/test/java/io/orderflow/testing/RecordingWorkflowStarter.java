package io.orderflow.testing;

import io.orderflow.intake.WorkflowStarter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records started executions by name; a second start with a known name is refused, as Step Functions does. */
public final class RecordingWorkflowStarter implements WorkflowStarter {

  private final Map<String, String> started = new LinkedHashMap<>();

  @Override
  public synchronized boolean start(String executionName, String inputJson) {
    return started.putIfAbsent(executionName, inputJson) == null;
  }

  public synchronized Map<String, String> started() {
    return Map.copyOf(started);
  }
}
