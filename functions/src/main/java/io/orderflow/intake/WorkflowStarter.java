package io.orderflow.intake;

/** Port: starts a workflow execution with a chosen name. */
public interface WorkflowStarter {

  /**
   * Starts an execution named {@code executionName}. Returns false if an execution with that name
   * already exists (a redelivered message): the order is already on its way, which is success.
   */
  boolean start(String executionName, String inputJson);
}
