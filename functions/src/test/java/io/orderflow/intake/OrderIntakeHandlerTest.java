package io.orderflow.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.platform.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;

class OrderIntakeHandlerTest {

  private static final String BATCH = "events/sqs/order-intake-batch.json";
  private static final String FIRST_ORDER = "3f2c9a7e-8b1d-4c6f-a5e2-9d0b7c4e1a68";
  private static final String SECOND_ORDER = "8a41d2e6-0b7c-4f93-8e15-c2d6a9f0b3e4";
  private static final String THIRD_ORDER = "c19f7b30-4a2e-4d68-9f1b-7e5c3a8d2f06";

  /** Started executions by name, as Step Functions keeps them. */
  private final Map<String, String> executions = new LinkedHashMap<>();
  private final List<String> attempts = new ArrayList<>();

  @ParameterizedTest
  @Event(value = BATCH, type = SQSEvent.class)
  void startsOneExecutionPerOrderNamedAfterIt(SQSEvent batch) throws IOException {
    SQSBatchResponse response = handler(name -> false).handleRequest(batch, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(executions).containsOnlyKeys(FIRST_ORDER, SECOND_ORDER, THIRD_ORDER);
    JsonNode input = Json.MAPPER.readTree(executions.get(FIRST_ORDER));
    assertThat(input.path("orderId").asText()).isEqualTo(FIRST_ORDER);
    JsonNode settings = input.path("settings");
    assertThat(settings.path("holdTimeoutSeconds").asLong()).isEqualTo(86_400);
    assertThat(settings.path("pickupTimeoutSeconds").asLong()).isEqualTo(172_800);
    assertThat(settings.path("deliveryTimeoutSeconds").asLong()).isEqualTo(2_592_000);
    assertThat(settings.path("autoConfirmSeconds").asLong()).isEqualTo(604_800);
  }

  @ParameterizedTest
  @Event(value = BATCH, type = SQSEvent.class)
  void reportsOnlyTheRecordWhoseStartFailed(SQSEvent batch) {
    SQSBatchResponse response = handler(SECOND_ORDER::equals).handleRequest(batch, null);

    assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
        .containsExactly(batch.getRecords().get(1).getMessageId());
    assertThat(executions).containsOnlyKeys(FIRST_ORDER, THIRD_ORDER);
  }

  @ParameterizedTest
  @Event(value = BATCH, type = SQSEvent.class)
  void anExecutionThatAlreadyExistsIsSuccess(SQSEvent batch) {
    executions.put(THIRD_ORDER, "{\"orderId\":\"" + THIRD_ORDER + "\"}");

    SQSBatchResponse response = handler(name -> false).handleRequest(batch, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(attempts).containsExactly(FIRST_ORDER, SECOND_ORDER, THIRD_ORDER);
  }

  @ParameterizedTest
  @Event(value = BATCH, type = SQSEvent.class)
  void dropsMalformedMessagesWithoutFailingTheBatch(SQSEvent batch) {
    batch.getRecords().get(0).setBody("not json");
    batch.getRecords().get(1).setBody("{\"orderId\": \"has spaces and /slashes\"}");

    SQSBatchResponse response = handler(name -> false).handleRequest(batch, null);

    assertThat(response.getBatchItemFailures()).isEmpty();
    assertThat(attempts).containsExactly(THIRD_ORDER);
  }

  /** A handler whose Step Functions refuses names it already has and fails where {@code failing} says. */
  private OrderIntakeHandler handler(Predicate<String> failing) {
    WorkflowStarter starter = (name, input) -> {
      attempts.add(name);
      if (failing.test(name)) {
        throw new IllegalStateException("StartExecution throttled");
      }
      return executions.putIfAbsent(name, input) == null;
    };
    return new OrderIntakeHandler(new FulfillmentStarter(starter, ExecutionSettings.DEFAULTS));
  }
}
