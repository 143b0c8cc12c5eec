package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.orderflow.local.sfn.clock.ManualClock;
import io.orderflow.local.sfn.http.StepFunctionsHttpServer;
import io.orderflow.local.sfn.json.Json;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** RedriveExecution over the engine's HTTP API, driven by the unmodified AWS SDK for Java v2. */
class RedriveTest {

  /** Reserve runs once; Charge fails while the payment provider is down, then succeeds. */
  private static final String ORDER = """
      {"StartAt":"Reserve","States":{
        "Reserve":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"reserve","Payload.$":"$"},
           "ResultSelector":{"reservation.$":"$.Payload.reservation"},"ResultPath":"$.stock","Next":"Charge"},
        "Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
           "Parameters":{"FunctionName":"charge","Payload":{"orderId.$":"$.orderId","redrives.$":"$$.Execution.RedriveCount"}},
           "ResultSelector":{"authorization.$":"$.Payload.authorization"},"ResultPath":"$.payment","Next":"Hold"},
        "Hold":{"Type":"Wait","Seconds":3600,"Next":"Done"},
        "Done":{"Type":"Succeed"}}}""";

  @TempDir
  Path dir;

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final AtomicInteger reservations = new AtomicInteger();
  private final AtomicBoolean providerDown = new AtomicBoolean(true);
  private final List<String> chargeInputs = new CopyOnWriteArrayList<>();
  private final LambdaFunctions functions = new LambdaFunctions()
      .register("reserve", p -> "{\"reservation\":\"R-" + reservations.incrementAndGet() + "\"}")
      .register("charge", p -> {
        chargeInputs.add(p);
        if (providerDown.get()) {
          throw new LambdaFunctionException("PaymentUnavailable", "the provider did not answer");
        }
        return "{\"authorization\":\"A-1\"}";
      });
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private StepFunctionsEngine engine() {
    StepFunctionsEngine engine = StepFunctionsEngine.builder().lambdaInvoker(functions).clock(clock).build();
    closing.add(0, engine);
    return engine;
  }

  private SfnClient sdk(StepFunctionsEngine engine) {
    StepFunctionsHttpServer server = StepFunctionsHttpServer.start(engine, 0);
    SfnClient sfn = SfnClient.builder()
        .endpointOverride(URI.create("http://localhost:" + server.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
    closing.add(0, server);
    closing.add(0, sfn);
    return sfn;
  }

  private static String startFailed(SfnClient sfn, String name) {
    String machine = sfn.createStateMachine(b -> b.name("order-fulfillment").definition(ORDER)
        .roleArn("arn:aws:iam::000000000000:role/sfn")).stateMachineArn();
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name(name).input("{\"orderId\":\"" + name + "\"}")).executionArn();
    awaitStatus(sfn, arn, ExecutionStatus.FAILED);
    return arn;
  }

  private static DescribeExecutionResponse awaitStatus(SfnClient sfn, String arn, ExecutionStatus status) {
    await().atMost(Duration.ofSeconds(10)).until(() -> sfn.describeExecution(b -> b.executionArn(arn)).status() == status);
    return sfn.describeExecution(b -> b.executionArn(arn));
  }

  @Test
  void aFailedExecutionGoesOnFromTheStateThatFailedWithTheInputItHad() {
    SfnClient sfn = sdk(engine());
    String arn = startFailed(sfn, "o-1");
    DescribeExecutionResponse failed = sfn.describeExecution(b -> b.executionArn(arn));
    assertThat(failed.error()).isEqualTo("PaymentUnavailable");
    assertThat(failed.redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);
    assertThat(failed.redriveCount()).isZero();
    assertThat(failed.redriveDate()).isNull();

    providerDown.set(false);
    clock.advance(Duration.ofMinutes(20));
    Instant redriveDate = sfn.redriveExecution(b -> b.executionArn(arn)).redriveDate();
    assertThat(redriveDate).isEqualTo(Instant.parse("2026-03-01T10:20:00Z"));

    // it waits in Hold now: it went past Charge, without reserving again
    await().atMost(Duration.ofSeconds(10)).until(() -> clock.pendingTimers() >= 1);
    DescribeExecutionResponse running = sfn.describeExecution(b -> b.executionArn(arn));
    assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(running.redriveCount()).isEqualTo(1);
    assertThat(running.redriveDate()).isEqualTo(redriveDate);
    assertThat(running.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
    assertThat(running.redriveStatusReason()).isEqualTo("Execution is RUNNING and cannot be redriven");
    assertThat(running.stopDate()).isNull();
    assertThat(running.error()).isNull();
    clock.advance(Duration.ofHours(1));
    DescribeExecutionResponse succeeded = awaitStatus(sfn, arn, ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(succeeded.output()).path("payment").path("authorization").asText()).isEqualTo("A-1");
    assertThat(reservations).hasValue(1);
    assertThat(chargeInputs).hasSize(2);
    // the same input, and the context tells the state it runs again after a redrive
    assertThat(Json.parse(chargeInputs.get(0))).isEqualTo(Json.parse("{\"orderId\":\"o-1\",\"redrives\":0}"));
    assertThat(Json.parse(chargeInputs.get(1))).isEqualTo(Json.parse("{\"orderId\":\"o-1\",\"redrives\":1}"));

    List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    List<HistoryEventType> types = events.stream().map(HistoryEvent::type).toList();
    assertThat(types).containsSubsequence(HistoryEventType.EXECUTION_STARTED, HistoryEventType.TASK_STATE_ENTERED,
        HistoryEventType.TASK_FAILED, HistoryEventType.EXECUTION_FAILED, HistoryEventType.EXECUTION_REDRIVEN,
        HistoryEventType.TASK_STATE_ENTERED, HistoryEventType.TASK_SUCCEEDED, HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(types).containsOnlyOnce(HistoryEventType.EXECUTION_STARTED, HistoryEventType.EXECUTION_REDRIVEN,
        HistoryEventType.EXECUTION_SUCCEEDED);
    int redriven = types.indexOf(HistoryEventType.EXECUTION_REDRIVEN);
    HistoryEvent redrivenEvent = events.get(redriven);
    assertThat(redrivenEvent.executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
    assertThat(redrivenEvent.previousEventId()).isEqualTo(events.get(redriven - 1).id());
    HistoryEvent reentered = events.get(redriven + 1);
    assertThat(reentered.stateEnteredEventDetails().name()).isEqualTo("Charge");
    assertThat(events).extracting(HistoryEvent::id).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, events.size()).boxed().toList());
  }

  @Test
  void succeededAndRunningExecutionsAreNotRedrivable() {
    providerDown.set(false);
    SfnClient sfn = sdk(engine());
    String machine = sfn.createStateMachine(b -> b.name("order-fulfillment").definition(ORDER)
        .roleArn("arn:aws:iam::000000000000:role/sfn")).stateMachineArn();
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("o-2").input("{\"orderId\":\"o-2\"}")).executionArn();
    await().atMost(Duration.ofSeconds(10)).until(() -> clock.pendingTimers() >= 1);
    assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(arn)))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageContaining("Execution is RUNNING and cannot be redriven");

    clock.advance(Duration.ofHours(1));
    DescribeExecutionResponse succeeded = awaitStatus(sfn, arn, ExecutionStatus.SUCCEEDED);
    assertThat(succeeded.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
    assertThat(succeeded.redriveStatusReason()).isEqualTo("Execution is SUCCEEDED and cannot be redriven");
    assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(arn)))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageContaining("SUCCEEDED");
    assertThat(sfn.getExecutionHistory(b -> b.executionArn(arn)).events()).extracting(HistoryEvent::type)
        .doesNotContain(HistoryEventType.EXECUTION_REDRIVEN);
  }

  @Test
  void onlyWithinFourteenDaysOfTheStop() {
    SfnClient sfn = sdk(engine());
    String arn = startFailed(sfn, "o-3");
    clock.advance(Duration.ofDays(14).plusMinutes(1));
    DescribeExecutionResponse old = sfn.describeExecution(b -> b.executionArn(arn));
    assertThat(old.redriveStatus()).isEqualTo(ExecutionRedriveStatus.NOT_REDRIVABLE);
    assertThat(old.redriveStatusReason()).isEqualTo("Execution redrivable period exceeded");
    assertThatThrownBy(() -> sfn.redriveExecution(b -> b.executionArn(arn))).isInstanceOf(ExecutionNotRedrivableException.class);
    assertThat(sfn.describeExecution(b -> b.executionArn(arn)).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(chargeInputs).hasSize(1);
  }

  @Test
  void anAbortedExecutionIsRedrivenAtTheStateItWasStoppedIn() {
    providerDown.set(false);
    SfnClient sfn = sdk(engine());
    String machine = sfn.createStateMachine(b -> b.name("order-fulfillment").definition(ORDER)
        .roleArn("arn:aws:iam::000000000000:role/sfn")).stateMachineArn();
    String arn = sfn.startExecution(b -> b.stateMachineArn(machine).name("o-4").input("{\"orderId\":\"o-4\"}")).executionArn();
    await().atMost(Duration.ofSeconds(10)).until(() -> clock.pendingTimers() >= 1);
    sfn.stopExecution(b -> b.executionArn(arn).error("Ops").cause("stopped by hand"));
    assertThat(sfn.describeExecution(b -> b.executionArn(arn)).redriveStatus()).isEqualTo(ExecutionRedriveStatus.REDRIVABLE);

    sfn.redriveExecution(b -> b.executionArn(arn));
    await().atMost(Duration.ofSeconds(10)).until(() -> clock.pendingTimers() >= 1);
    clock.advance(Duration.ofHours(1));
    awaitStatus(sfn, arn, ExecutionStatus.SUCCEEDED);
    assertThat(reservations).hasValue(1);
    assertThat(chargeInputs).hasSize(1);
    List<HistoryEvent> events = sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
    assertThat(events).extracting(HistoryEvent::type).containsSubsequence(HistoryEventType.WAIT_STATE_ABORTED,
        HistoryEventType.EXECUTION_ABORTED, HistoryEventType.EXECUTION_REDRIVEN, HistoryEventType.WAIT_STATE_ENTERED,
        HistoryEventType.EXECUTION_SUCCEEDED);
  }

  @Test
  void aRepeatedClientTokenDoesNotRedriveTwice() {
    StepFunctionsEngine engine = engine();
    SfnClient sfn = sdk(engine);
    String arn = startFailed(sfn, "o-5");
    Instant first = sfn.redriveExecution(b -> b.executionArn(arn).clientToken("sweep-1")).redriveDate();
    awaitStatus(sfn, arn, ExecutionStatus.FAILED);
    clock.advance(Duration.ofMinutes(1));

    assertThat(sfn.redriveExecution(b -> b.executionArn(arn).clientToken("sweep-1")).redriveDate()).isEqualTo(first);
    assertThat(sfn.describeExecution(b -> b.executionArn(arn)).redriveCount()).isEqualTo(1);
    assertThat(sfn.redriveExecution(b -> b.executionArn(arn).clientToken("sweep-2")).redriveDate()).isAfter(first);
    awaitStatus(sfn, arn, ExecutionStatus.FAILED);
    assertThat(sfn.describeExecution(b -> b.executionArn(arn)).redriveCount()).isEqualTo(2);
    assertThat(chargeInputs).hasSize(3);
  }

  @Test
  void aFailedExecutionSavedBeforeARestartCanBeRedrivenAfterIt() {
    StepFunctionsEngine before = engine();
    String arn = startFailed(sdk(before), "o-6");
    before.saveExecutions(dir);
    before.close();

    StepFunctionsEngine after = engine();
    after.createStateMachine("order-fulfillment", ORDER, "arn:aws:iam::000000000000:role/sfn", null);
    assertThat(after.restoreExecutions(dir)).isZero();
    assertThat(after.describeExecution(arn).redriveStatus()).isEqualTo("REDRIVABLE");
    providerDown.set(false);
    after.redriveExecution(arn, null);
    await().atMost(Duration.ofSeconds(10)).until(() -> clock.pendingTimers() >= 1);
    clock.advance(Duration.ofHours(1));
    await().atMost(Duration.ofSeconds(10)).until(() -> after.describeExecution(arn).status() == io.orderflow.local.sfn.ExecutionStatus.SUCCEEDED);
    assertThat(reservations).hasValue(1);

    after.saveExecutions(dir);
    StepFunctionsEngine third = engine();
    third.restoreExecutions(dir);
    assertThat(third.describeExecution(arn).redriveCount()).isEqualTo(1);
    assertThat(third.describeExecution(arn).redriveDate()).isNotNull();
  }
}
