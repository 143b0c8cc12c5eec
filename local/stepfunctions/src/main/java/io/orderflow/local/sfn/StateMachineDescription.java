package io.orderflow.local.sfn;

import java.time.Instant;

/** DescribeStateMachine's answer. {@code type} is STANDARD or EXPRESS. */
public record StateMachineDescription(
    String stateMachineArn,
    String name,
    String definition,
    String roleArn,
    String type,
    Instant creationDate,
    Instant updateDate) {}
