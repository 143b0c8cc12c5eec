package io.orderflow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.orderflow.intake.WorkflowStarter;
import io.orderflow.order.WorkflowCallbacks;
import io.orderflow.platform.Json;
import io.orderflow.platform.Workflow;
import io.orderflow.sweep.FulfillmentExecutions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * The Step Functions adapters against a stub that speaks the service's JSON protocol, so the SDK's
 * own error mapping decides which answers mean "token no longer valid".
 */
@ExtendWith(LocalAws.Extension.class)
class SfnAdaptersTest {

  private static final String ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:orderflow-order-fulfillment";

  private final LocalAws aws;
  private final List<Call> calls = new ArrayList<>();
  private HttpServer server;
  private volatile String errorType;
  private volatile String answer = "{\"executionArn\":\"" + ARN + ":x\",\"startDate\":1700000000}";

  private record Call(String operation, JsonNode body) {}

  SfnAdaptersTest(LocalAws aws) {
    this.aws = aws;
  }

  @BeforeEach
  void startStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      JsonNode body = Json.MAPPER.readTree(exchange.getRequestBody());
      synchronized (calls) {
        calls.add(new Call(target.substring(target.indexOf('.') + 1), body));
      }
      String type = errorType;
      byte[] answer = (type == null
          ? this.answer
          : "{\"__type\":\"" + type + "\",\"message\":\"stubbed\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
      exchange.sendResponseHeaders(type == null ? 200 : 400, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopStub() {
    server.stop(0);
  }

  @Test
  void resumesAndFailsTasksWithJsonOutput() {
    WorkflowCallbacks callbacks = adapters().callbacks();

    assertThat(callbacks.resume("token-1", Map.of("trackingNumber", "TRK-1"))).isTrue();
    assertThat(callbacks.fail("token-2", "io.orderflow.track.DeliveryException", "LOST")).isTrue();

    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).operation()).isEqualTo("SendTaskSuccess");
    assertThat(calls.get(0).body().get("taskToken").asText()).isEqualTo("token-1");
    assertThat(Json.read(calls.get(0).body().get("output").asText(), JsonNode.class).get("trackingNumber").asText())
        .isEqualTo("TRK-1");
    assertThat(calls.get(1).operation()).isEqualTo("SendTaskFailure");
    assertThat(calls.get(1).body().get("error").asText()).isEqualTo("io.orderflow.track.DeliveryException");
    assertThat(calls.get(1).body().get("cause").asText()).isEqualTo("LOST");
  }

  @Test
  void aSpentTokenIsNothingLeftToResume() {
    WorkflowCallbacks callbacks = adapters().callbacks();

    for (String spent : List.of("TaskTimedOut", "TaskDoesNotExist", "InvalidToken")) {
      errorType = spent;
      assertThat(callbacks.resume("token", Map.of())).as(spent).isFalse();
      assertThat(callbacks.fail("token", "error", "cause")).as(spent).isFalse();
    }
    errorType = "InvalidOutput";
    assertThatThrownBy(() -> callbacks.resume("token", Map.of())).isInstanceOf(SfnException.class);
  }

  @Test
  void startsAnExecutionNamedByTheCallerAndRecognisesADuplicate() {
    WorkflowStarter starter = adapters().workflowStarter();

    assertThat(starter.start("order-1", "{\"orderId\":\"order-1\"}")).isTrue();
    errorType = "ExecutionAlreadyExists";
    assertThat(starter.start("order-1", "{\"orderId\":\"order-1\"}")).isFalse();

    assertThat(calls).allSatisfy(call -> {
      assertThat(call.operation()).isEqualTo("StartExecution");
      assertThat(call.body().get("stateMachineArn").asText()).isEqualTo(ARN);
      assertThat(call.body().get("name").asText()).isEqualTo("order-1");
      assertThat(call.body().get("input").asText()).isEqualTo("{\"orderId\":\"order-1\"}");
    });
  }

  @Test
  void describesAndRedrivesAnOrdersExecutionByItsArn() {
    FulfillmentExecutions executions = adapters().fulfillmentExecutions();
    String executionArn = "arn:aws:states:us-east-1:000000000000:execution:orderflow-order-fulfillment:order-1";

    answer = "{\"executionArn\":\"" + executionArn + "\",\"status\":\"FAILED\",\"redriveCount\":2,\"startDate\":1700000000}";
    assertThat(executions.describe("order-1")).contains(new FulfillmentExecutions.Execution(FulfillmentExecutions.Status.FAILED, 2));
    answer = "{\"redriveDate\":1700000100}";
    assertThat(executions.redrive("order-1", "sweep-3")).isTrue();
    assertThat(calls).extracting(Call::operation).containsExactly("DescribeExecution", "RedriveExecution");
    assertThat(calls).allSatisfy(call -> assertThat(call.body().get("executionArn").asText()).isEqualTo(executionArn));
    assertThat(calls.get(1).body().get("clientToken").asText()).isEqualTo("sweep-3");

    errorType = "ExecutionNotRedrivable";
    assertThat(executions.redrive("order-1", "sweep-4")).isFalse();
    errorType = "ExecutionDoesNotExist";
    assertThat(executions.redrive("order-1", "sweep-4")).isFalse();
    assertThat(executions.describe("order-1")).isEmpty();
    errorType = "InvalidArn";
    assertThatThrownBy(() -> executions.describe("order-1")).isInstanceOf(SfnException.class);
  }

  private Adapters adapters() {
    URI endpoint = URI.create("http://localhost:" + server.getAddress().getPort());
    return Adapters.create(aws.dynamo, aws.sqs, LocalAws.sfn(endpoint),
        aws.names.withStateMachine(Workflow.ORDER_FULFILLMENT, ARN), Clock.systemUTC());
  }
}
