package io.orderflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.local.sfn.StateMachineDescription;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Workflow;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The light path the workflow tests use: no gateway, no carrier, free ports, in memory. */
class LocalStackTest {

  private static LocalStack stack;

  @BeforeAll
  static void start() {
    stack = LocalStack.start(LocalStack.Options.ephemeral());
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void startsInAFewSecondsWithoutGatewayOrCarrier() {
    assertThat(stack.startupTime()).isLessThan(Duration.ofSeconds(20));
    assertThat(stack.apiEndpoint()).isEmpty();
    assertThat(stack.endpoints()).containsOnlyKeys("Step Functions", "DynamoDB", "SQS");
  }

  @Test
  void runsEveryFunctionsHandlerInProcess() {
    for (LambdaFunction function : LambdaFunction.values()) {
      assertThat(stack.functions().handler(function).getClass().getName()).isEqualTo(function.handlerClass());
    }
  }

  @Test
  void createsEveryWorkflowFromItsAslFileWithEveryPlaceholderFilled() {
    for (Workflow workflow : Workflow.values()) {
      StateMachineDescription machine = stack.engine().describeStateMachine(stack.stateMachineArn(workflow));

      assertThat(machine.name()).isEqualTo(workflow.localName());
      assertThat(machine.definition())
          .doesNotContain("${")
          .contains(LocalFunctions.ACCOUNT_ARN_PREFIX);
    }
  }

  @Test
  void provisionsTablesAndQueuesTheAdaptersUse() {
    CatalogItem item = new CatalogItem("SKU-T1", "Test kettle", Money.of("12.00", "USD"), true);
    stack.adapters().catalog().put(item);
    stack.adapters().inventory().setAvailable("SKU-T1", 3);

    assertThat(stack.adapters().catalog().find("SKU-T1")).contains(item);
    assertThat(stack.adapters().inventory().level("SKU-T1").available()).isEqualTo(3);
    for (Queue queue : Queue.values()) {
      assertThat(stack.resourceNames().queueUrl(queue)).startsWith(stack.sqsEndpoint().toString());
    }
  }
}
