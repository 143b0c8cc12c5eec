package io.orderflow.local.cli;

import io.orderflow.local.LocalStack;
import io.orderflow.local.StackConnection;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of a command that works against the stack `orderflow serve` runs: where it listens. */
final class RunningStack {

  @Option(names = "--sfn-port", defaultValue = "8083", description = "The running stack's Step Functions port.")
  int stepFunctionsPort;

  @Option(names = "--dynamodb-port", defaultValue = "8000", description = "The running stack's DynamoDB port.")
  int dynamoDbPort;

  @Option(names = "--sqs-port", defaultValue = "9324", description = "The running stack's SQS port.")
  int sqsPort;

  /** A connection to the stack on these ports, or empty if none runs there. */
  Optional<StackConnection> attach() {
    return StackConnection.attach(LocalStack.Options.defaults()
        .withPorts(0, stepFunctionsPort, dynamoDbPort, sqsPort)
        .withGateway(false));
  }
}
