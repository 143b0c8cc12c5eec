package io.orderflow.local.sfn;

import java.time.Instant;

/** DescribeExecution's answer; stopDate, output, error and cause are null while not applicable. */
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
    String cause) {}
