package io.orderflow.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderflow.local.sfn.StateMachineDescription;
import io.orderflow.order.CatalogItem;
import io.orderflow.order.Money;
import io.orderflow.platform.LambdaFunction;
import io.orderflow.platform.Queue;
import io.orderflow.platform.Workflow;
import io.orderflow.reserve.Inventory.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  @Test
  void aReservationNobodySettlesGoesBackOnSaleOnceDynamoDbExpiresIt() {
    stack.adapters().inventory().setAvailable("SKU-T2", 5);
    // A workflow that died an hour after its reservation's TTL: DynamoDB Local's TTL deletes the
    // item, the Inventory stream carries the deletion to the expire-reservations function.
    stack.adapters().inventory().reserve("order-abandoned", Map.of("SKU-T2", 2), Instant.now().minusSeconds(3600));
    assertThat(stack.adapters().inventory().level("SKU-T2")).isEqualTo(new StockLevel("SKU-T2", 3, 2));

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(stack.adapters().inventory().level("SKU-T2")).isEqualTo(new StockLevel("SKU-T2", 5, 0)));
    assertThat(stack.adapters().inventory().release("order-abandoned", List.of("SKU-T2"))).isFalse();
  }
}
