package io.orderflow.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Table;
import io.orderflow.platform.Workflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.QueueEncryption;

class StepFunctionTest {

  @TempDir Path folder;

  @Test
  void findsEveryPlaceholderOnceAndIgnoresJsonPath() throws IOException {
    Path definition =
        write(
            """
            {"StartAt": "A", "States": {"A": {"Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage",
              "Parameters": {"QueueUrl": "${NotificationsQueueUrl}", "MessageBody.$": "$.order",
                             "Again": "${NotificationsQueueUrl}", "Table": "${OrdersTableName}"},
              "End": true}}}
            """);

    assertThat(StepFunction.placeholders(definition))
        .containsExactly("NotificationsQueueUrl", "OrdersTableName");
  }

  @Test
  void synthFailsOnAPlaceholderNoResourceFills() throws IOException {
    Path definition =
        write(
            """
            {"StartAt": "A", "States": {"A": {"Type": "Task",
              "Resource": "${PaymentsFunctionArn}", "End": true}}}
            """);
    Stack stack = new Stack(new App(), "Test");

    assertThatThrownBy(() -> new StepFunction(stack, "Flow", props(definition, Map.of())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[PaymentsFunctionArn]");
  }

  @Test
  void grantsTheStateMachineOnlyWhatTheDefinitionNames() throws IOException {
    Path definition =
        write(
            """
            {"StartAt": "A", "States": {"A": {"Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage",
              "Parameters": {"QueueUrl": "${NotificationsQueueUrl}", "MessageBody": "x"},
              "End": true}}}
            """);
    Stack stack = new Stack(new App(), "Test");
    Map<Queue, IQueue> queues =
        Map.of(
            Queue.NOTIFICATIONS, queue(stack, "Notifications"),
            Queue.RESTOCK_REQUESTS, queue(stack, "Restock"));

    new StepFunction(stack, "Flow", props(definition, queues));
    Template template = Template.fromStack(stack);

    template.hasResourceProperties(
        "AWS::StepFunctions::StateMachine",
        Map.of("DefinitionSubstitutions", Map.of("NotificationsQueueUrl", Match.anyValue())));
    String policies = template.findResources("AWS::IAM::Policy").toString();
    assertThat(policies).contains("sqs:SendMessage", "Notifications").doesNotContain("Restock");
  }

  private StepFunction.Props props(Path definition, Map<Queue, IQueue> queues) {
    return new StepFunction.Props(
        Workflow.ORDER_FULFILLMENT,
        "test-flow",
        definition,
        Map.<LambdaFunction, IFunction>of(),
        queues,
        Map.<Table, ITable>of(),
        RetentionDays.ONE_DAY);
  }

  private static IQueue queue(Stack stack, String id) {
    return software.amazon.awscdk.services.sqs.Queue.Builder.create(stack, id)
        .encryption(QueueEncryption.SQS_MANAGED)
        .build();
  }

  private Path write(String json) throws IOException {
    return Files.writeString(folder.resolve("flow.asl.json"), json);
  }
}
