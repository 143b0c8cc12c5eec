package io.orderflow.store;

import io.orderflow.intake.WorkflowStarter;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts executions of one state machine with StartExecution. Standard workflows keep execution
 * names for 90 days, so a redelivered intake message cannot start an order twice.
 */
public final class SfnWorkflowStarter implements WorkflowStarter {

  private final SfnClient sfn;
  private final String stateMachineArn;

  public SfnWorkflowStarter(SfnClient sfn, String stateMachineArn) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
  }

  /**
   * Also true when an execution of that name is still running with the same input: Step Functions
   * answers such a repeat with the running execution instead of an error.
   */
  @Override
  public boolean start(String executionName, String inputJson) {
    try {
      sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(executionName).input(inputJson));
      return true;
    } catch (ExecutionAlreadyExistsException e) {
      return false;
    }
  }
}
