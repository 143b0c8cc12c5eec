package io.orderflow.local.sfn;

import java.time.Instant;

/**
 * DescribeExecution's answer; stopDate, output, error and cause are null while not applicable.
 * {@code redriveDate} is null until the execution is first redriven; {@code redriveStatusReason}
 * says why {@code redriveStatus} is NOT_REDRIVABLE (null otherwise).
 */
public record ExecutionDescription(
    String executionArn,
    String stateMachineArn,
    String name,
    ExecutionStatus status,
    Instant startDate,
    Instant stopDate,
    String input,
    String output,
    String error,
    String cause,
    int redriveCount,
    Instant redriveDate,
    String redriveStatus,
    String redriveStatusReason) {

  /** An execution never redriven, whose redrivability is not known here. */
  public ExecutionDescription(String executionArn, String stateMachineArn, String name, ExecutionStatus status, Instant startDate,
      Instant stopDate, String input, String output, String error, String cause) {
    this(executionArn, stateMachineArn, name, status, startDate, stopDate, input, output, error, cause, 0, null, null, null);
  }
}
