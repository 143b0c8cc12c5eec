package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.orderflow.local.sfn.clock.ScaledClock;
import io.orderflow.local.sfn.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine that is stopped and started again keeps its executions and goes on with the running ones. */
class RestartTest {

  private static final String SHOP = """
      {"StartAt":"Validate","States":{
        "Validate":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
           "Parameters":{"FunctionName":"validate","Payload.$":"$"},"ResultSelector":{"valid.$":"$.Payload.valid"},
           "ResultPath":"$.validation","Next":"Dispatch"},
        "Dispatch":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
           "Parameters":{"FunctionName":"carrier","Payload":{"token.$":"$$.Task.Token","order.$":"$.order"}},
           "ResultPath":"$.shipment","Next":"Done"},
        "Done":{"Type":"Succeed"}}}""";

  @TempDir
  Path dir;

  private final LambdaFunctions functions = new LambdaFunctions();
  private final AtomicInteger validations = new AtomicInteger();
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> engines = new CopyOnWriteArrayList<>();

  RestartTest() {
    functions.register("validate", payload -> {
      validations.incrementAndGet();
      return "{\"valid\":true}";
    });
    functions.register("carrier", payload -> {
      tokens.add(Json.parse(payload).get("token").asText());
      return "{}";
    });
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable engine : engines) {
      engine.close();
    }
  }

  private StepFunctionsEngine engine() {
    ScaledClock clock = new ScaledClock(1000);
    StepFunctionsEngine engine = StepFunctionsEngine.builder().lambdaInvoker(functions).clock(clock).build();
    engines.add(clock);
    engines.add(engine);
    return engine;
  }

  private Path saved() {
    return dir.resolve("executions");
  }

  @Test
  void aRunningExecutionGoesOnFromTheStateItWasInWithItsHistory() {
    StepFunctionsEngine before = engine();
    String arn = before.startExecution(before.createStateMachine("shop", SHOP), "o-1", "{\"order\":\"o-1\"}").executionArn();
    await().until(() -> tokens.size() == 1);
    List<HistoryEvent> earlier = before.getExecutionHistory(arn);
    before.saveExecutions(saved());
    before.close();

    StepFunctionsEngine after = engine();
    after.createStateMachine("shop", SHOP);
    assertThat(after.restoreExecutions(saved())).isEqualTo(1);

    await().until(() -> tokens.size() == 2);
    assertThat(after.describeExecution(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThatThrownBy(() -> after.sendTaskSuccess(tokens.get(0), "{}"))
        .as("the token of the engine that stopped")
        .isInstanceOf(SfnServiceException.class);
    after.sendTaskSuccess(tokens.get(1), "{\"trackingNumber\":\"TRK-1\"}");

    await().until(() -> after.describeExecution(arn).status() != ExecutionStatus.RUNNING);
    ExecutionDescription ended = after.describeExecution(arn);
    assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(ended.output())).isEqualTo(Json.parse(
        "{\"order\":\"o-1\",\"validation\":{\"valid\":true},\"shipment\":{\"trackingNumber\":\"TRK-1\"}}"));
    assertThat(validations).as("the state finished before the restart does not run again").hasValue(1);

    List<HistoryEvent> history = after.getExecutionHistory(arn);
    assertThat(history).startsWith(earlier.toArray(HistoryEvent[]::new));
    assertThat(history).extracting(HistoryEvent::id).containsExactly(
        LongStream.rangeClosed(1, history.size()).boxed().toArray(Long[]::new));
    assertThat(history.get(earlier.size()).type()).as("the state in progress is entered again").isEqualTo("TaskStateEntered");
    assertThat(history.get(earlier.size()).previousEventId()).isEqualTo(earlier.size());
    assertThat(history.get(history.size() - 1).type()).isEqualTo("ExecutionSucceeded");
  }

  @Test
  void closedExecutionsComeBackAsTheyEnded() {
    StepFunctionsEngine before = engine();
    String machine = before.createStateMachine("shop", SHOP);
    functions.register("failing", payload -> {
      throw new IllegalStateException("out of paper");
    });
    String failingMachine = before.createStateMachine("printer", """
        {"StartAt":"Print","States":{"Print":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"FunctionName":"failing"},"End":true}}}""");
    String shipped = before.startExecution(machine, "o-2", "{\"order\":\"o-2\"}").executionArn();
    await().until(() -> tokens.size() == 1);
    before.sendTaskSuccess(tokens.get(0), "{}");
    String failed = before.startExecution(failingMachine, "p-1", "{}").executionArn();
    await().until(() -> before.describeExecution(shipped).status() == ExecutionStatus.SUCCEEDED
        && before.describeExecution(failed).status() == ExecutionStatus.FAILED);
    before.saveExecutions(saved());
    before.close();

    StepFunctionsEngine after = engine();
    after.createStateMachine("shop", SHOP);
    after.createStateMachine("printer", before.describeStateMachine(failingMachine).definition());

    assertThat(after.restoreExecutions(saved())).as("nothing was running").isZero();
    for (String arn : List.of(shipped, failed)) {
      assertThat(after.describeExecution(arn)).isEqualTo(before.describeExecution(arn));
      assertThat(after.getExecutionHistory(arn)).isEqualTo(before.getExecutionHistory(arn));
    }
    assertThat(after.listExecutions(machine, ExecutionStatus.SUCCEEDED, null, null).items())
        .extracting(ExecutionDescription::name).containsExactly("o-2");
    assertThatThrownBy(() -> after.startExecution(machine, "o-2", "{\"order\":\"o-2\"}"))
        .isInstanceOfSatisfying(SfnServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("ExecutionAlreadyExists"));
    assertThat(after.restoreExecutions(saved())).as("restoring twice changes nothing").isZero();
  }

  @Test
  void anEngineWithNothingSavedStartsEmpty() {
    StepFunctionsEngine engine = engine();
    String machine = engine.createStateMachine("shop", SHOP);

    assertThat(engine.restoreExecutions(dir.resolve("never-written"))).isZero();
    assertThat(engine.listExecutions(machine, null, null, null).items()).isEmpty();
  }

  @Test
  void aSaveWritesOnlyTheExecutionsThatChangedSinceTheLastOne() throws Exception {
    StepFunctionsEngine engine = engine();
    String machine = engine.createStateMachine("shop", SHOP);
    for (int i = 1; i <= 3; i++) {
      engine.startExecution(machine, "o-" + i, "{\"order\":\"o-" + i + "\"}");
    }
    await().until(() -> tokens.size() == 3);
    engine.saveExecutions(saved());
    Path first = saved().resolve("shop").resolve("o-1.json");
    assertThat(saved().resolve("shop")).isDirectoryContaining("glob:**/o-{1,2,3}.json");
    Files.delete(first);

    engine.saveExecutions(saved());
    assertThat(first).as("unchanged, so not written again").doesNotExist();

    engine.stopExecution(StepFunctionsEngine.executionArn(machine, "o-1"), "Ops", "changed its mind");
    engine.saveExecutions(saved());
    assertThat(first).as("aborted since, so written again").exists();
    try (var files = Files.list(saved().resolve("shop"))) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no partial files left")
          .containsExactlyInAnyOrder("o-1.json", "o-2.json", "o-3.json");
    }
  }
}
