package io.orderflow.local.sfn;

import static org.awaitility.Awaitility.await;

import io.orderflow.local.sfn.clock.EngineClock;
import io.orderflow.local.sfn.clock.ManualClock;
import io.orderflow.local.sfn.clock.ScaledClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An engine with in-process Lambda functions, and helpers to run a definition to its end. */
final class EngineFixture implements AutoCloseable {

  final LambdaFunctions functions = new LambdaFunctions();
  final EngineClock clock;
  final StepFunctionsEngine engine;

  private EngineFixture(EngineClock clock) {
    this.clock = clock;
    this.engine = StepFunctionsEngine.builder().lambdaInvoker(functions).clock(clock).build();
  }

  /** Engine time runs 1000× faster than real time: a 1 s Wait takes 1 ms. */
  static EngineFixture fast() {
    return new EngineFixture(new ScaledClock(1000));
  }

  /** Time only moves when the test says so. */
  static EngineFixture manual() {
    return new EngineFixture(new ManualClock(Instant.parse("2024-05-01T10:00:00Z")));
  }

  ManualClock manualClock() {
    return (ManualClock) clock;
  }

  String machine(String definition) {
    return engine.createStateMachine("sm-" + UUID.randomUUID().toString().substring(0, 8), definition);
  }

  String start(String definition, String input) {
    return engine.startExecution(machine(definition), null, input).executionArn();
  }

  /** Runs to a terminal status and returns the description. */
  ExecutionDescription run(String definition, String input) {
    return awaitEnd(start(definition, input));
  }

  ExecutionDescription awaitEnd(String executionArn) {
    await().atMost(Duration.ofSeconds(10)).until(() -> engine.describeExecution(executionArn).status() != ExecutionStatus.RUNNING);
    return engine.describeExecution(executionArn);
  }

  List<String> eventTypes(String executionArn) {
    return engine.getExecutionHistory(executionArn).stream().map(HistoryEvent::type).toList();
  }

  /** With a ManualClock: waits until something in the engine waits on the clock. */
  void awaitTimers(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> manualClock().pendingTimers() >= count);
  }

  @Override
  public void close() {
    engine.close();
    if (clock instanceof ScaledClock scaled) {
      scaled.close();
    }
  }
}
