package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.orderflow.local.sfn.http.StepFunctionsHttpServer;
import io.orderflow.local.sfn.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** The service API over HTTP, driven by the unmodified AWS SDK for Java v2. */
class HttpApiTest {

  private static final String WORKFLOW = """
      {"StartAt":"Validate","States":{
        "Validate":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"validate","Payload.$":"$"},
           "ResultSelector":{"valid.$":"$.Payload.valid"},"ResultPath":"$.validation","Next":"Dispatch"},
        "Dispatch":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
           "Parameters":{"FunctionName":"dispatch","Payload":{"token.$":"$$.Task.Token"}},"ResultPath":"$.shipment","End":true}}}""";

  private static final AtomicReference<String> token = new AtomicReference<>();
  private static StepFunctionsEngine engine;
  private static StepFunctionsHttpServer server;
  private static SfnClient sfn;

  @BeforeAll
  static void start() {
    LambdaFunctions functions = new LambdaFunctions()
        .register("validate", p -> "{\"valid\":true}")
        .register("dispatch", p -> {
          token.set(Json.parse(p).get("token").asText());
          return "{}";
        });
    engine = StepFunctionsEngine.builder().lambdaInvoker(functions).build();
    server = StepFunctionsHttpServer.start(engine, 0);
    sfn = SfnClient.builder()
        .endpointOverride(URI.create("http://localhost:" + server.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  @AfterAll
  static void stop() {
    sfn.close();
    server.close();
    engine.close();
  }

  @Test
  void createStartCallbackDescribeAndHistoryThroughTheSdk() {
    String machine = sfn.createStateMachine(b -> b.name("order-fulfillment").definition(WORKFLOW)
        .roleArn("arn:aws:iam::000000000000:role/sfn")).stateMachineArn();
    assertThat(machine).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:order-fulfillment");
    assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(machine)).definition()).isEqualTo(WORKFLOW);
    assertThat(sfn.listStateMachines().stateMachines()).anySatisfy(m -> assertThat(m.name()).isEqualTo("order-fulfillment"));

    Instant before = Instant.now().minusSeconds(1);
    var started = sfn.startExecution(b -> b.stateMachineArn(machine).name("order-1").input("{\"orderId\":\"1\"}"));
    assertThat(started.executionArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:order-fulfillment:order-1");
    assertThat(started.startDate()).isAfter(before);

    // same name and input while running: the same execution; other input: ExecutionAlreadyExists
    assertThat(sfn.startExecution(b -> b.stateMachineArn(machine).name("order-1").input("{\"orderId\":\"1\"}")).executionArn())
        .isEqualTo(started.executionArn());
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("order-1").input("{\"orderId\":\"2\"}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);

    await().until(() -> token.get() != null);
    assertThat(sfn.describeExecution(b -> b.executionArn(started.executionArn())).status()).isEqualTo(ExecutionStatus.RUNNING);
    sfn.sendTaskHeartbeat(b -> b.taskToken(token.get()));
    sfn.sendTaskSuccess(b -> b.taskToken(token.get()).output("{\"trackingNumber\":\"TRK-1\"}"));
    await().until(() -> sfn.describeExecution(b -> b.executionArn(started.executionArn())).status() == ExecutionStatus.SUCCEEDED);

    DescribeExecutionResponse described = sfn.describeExecution(b -> b.executionArn(started.executionArn()));
    assertThat(Json.parse(described.output())).isEqualTo(Json.parse(
        "{\"orderId\":\"1\",\"validation\":{\"valid\":true},\"shipment\":{\"trackingNumber\":\"TRK-1\"}}"));
    assertThat(described.stopDate()).isAfterOrEqualTo(described.startDate());
    assertThat(described.input()).isEqualTo("{\"orderId\":\"1\"}");
    assertThatThrownBy(() -> sfn.sendTaskSuccess(b -> b.taskToken(token.get()).output("{}"))).isInstanceOf(TaskTimedOutException.class);
    assertThatThrownBy(() -> sfn.startExecution(b -> b.stateMachineArn(machine).name("order-1").input("{\"orderId\":\"1\"}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);

    GetExecutionHistoryResponse history = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()));
    List<HistoryEventType> types = history.events().stream().map(HistoryEvent::type).toList();
    assertThat(types).containsSubsequence(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.TASK_SCHEDULED, HistoryEventType.TASK_STARTED, HistoryEventType.TASK_SUCCEEDED,
        HistoryEventType.TASK_STATE_EXITED, HistoryEventType.TASK_SUBMITTED, HistoryEventType.EXECUTION_SUCCEEDED);
    HistoryEvent entered = history.events().get(1);
    assertThat(entered.stateEnteredEventDetails().name()).isEqualTo("Validate");
    assertThat(entered.previousEventId()).isEqualTo(1L);
    assertThat(history.events().get(2).taskScheduledEventDetails().resourceType()).isEqualTo("lambda");

    var page = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()).maxResults(2).reverseOrder(true).includeExecutionData(false));
    assertThat(page.events()).hasSize(2);
    assertThat(page.events().get(0).type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(page.events().get(0).executionSucceededEventDetails().output()).isNull();
    assertThat(page.nextToken()).isNotNull();
    var next = sfn.getExecutionHistory(b -> b.executionArn(started.executionArn()).maxResults(2).reverseOrder(true).nextToken(page.nextToken()));
    assertThat(next.events().get(0).id()).isEqualTo(page.events().get(1).id() - 1);

    var listed = sfn.listExecutions(b -> b.stateMachineArn(machine).statusFilter(ExecutionStatus.SUCCEEDED));
    assertThat(listed.executions()).extracting(e -> e.name()).containsExactly("order-1");
  }

  @Test
  void stopUpdateAndDeleteThroughTheSdk() {
    String machine = sfn.createStateMachine(b -> b.name("waiter").roleArn("arn:aws:iam::000000000000:role/sfn")
        .definition("{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":3600,\"End\":true}}}")).stateMachineArn();
    String exec = sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    var stop = sfn.stopExecution(b -> b.executionArn(exec).error("Cancelled").cause("by test"));
    assertThat(stop.stopDate()).isNotNull();
    DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(exec));
    assertThat(d.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(d.error()).isEqualTo("Cancelled");
    assertThat(sfn.describeStateMachineForExecution(b -> b.executionArn(exec)).name()).isEqualTo("waiter");

    sfn.updateStateMachine(b -> b.stateMachineArn(machine).definition("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"));
    assertThat(sfn.describeStateMachine(b -> b.stateMachineArn(machine)).definition()).contains("\"P\"");
    sfn.deleteStateMachine(b -> b.stateMachineArn(machine));
    assertThatThrownBy(() -> sfn.describeStateMachine(b -> b.stateMachineArn(machine))).isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void errorsUseTheServiceErrorTypes() throws Exception {
    assertThatThrownBy(() -> sfn.createStateMachine(b -> b.name("bad").roleArn("arn:aws:iam::000000000000:role/sfn")
        .definition("{\"StartAt\":\"Reserve\",\"States\":{\"Reserve\":{\"Type\":\"Pass\",\"Next\":\"Nope\"}}}")))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("State 'Reserve' has Next 'Nope' which is not a state");

    HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/"))
        .header("X-Amz-Target", "AWSStepFunctions.DescribeExecution").header("Content-Type", "application/x-amz-json-1.0")
        .POST(HttpRequest.BodyPublishers.ofString("{\"executionArn\":\"nonsense\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(raw.statusCode()).isEqualTo(400);
    assertThat(Json.parse(raw.body()).get("__type").asText()).isEqualTo("InvalidArn");
  }
}
