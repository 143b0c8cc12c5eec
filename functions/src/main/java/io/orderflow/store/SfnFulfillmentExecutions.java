package io.orderflow.store;

import io.orderflow.sweep.FulfillmentExecutions;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;

/**
 * The order-fulfillment executions by order id, with DescribeExecution and RedriveExecution. An
 * execution's ARN is its state machine's with {@code :execution:} and the name, as Step Functions
 * forms it, so no listing is needed.
 */
public final class SfnFulfillmentExecutions implements FulfillmentExecutions {

  private final SfnClient sfn;
  private final String stateMachineArn;

  public SfnFulfillmentExecutions(SfnClient sfn, String stateMachineArn) {
    this.sfn = sfn;
    this.stateMachineArn = stateMachineArn;
  }

  @Override
  public Optional<Execution> describe(String orderId) {
    try {
      DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(executionArn(orderId)));
      Integer redrives = described.redriveCount();
      return Optional.of(new Execution(Status.valueOf(described.statusAsString()), redrives == null ? 0 : redrives));
    } catch (ExecutionDoesNotExistException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean redrive(String orderId, String clientToken) {
    try {
      sfn.redriveExecution(b -> b.executionArn(executionArn(orderId)).clientToken(clientToken));
      return true;
    } catch (ExecutionNotRedrivableException | ExecutionDoesNotExistException e) {
      return false;
    }
  }

  String executionArn(String orderId) {
    return stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + orderId;
  }
}
