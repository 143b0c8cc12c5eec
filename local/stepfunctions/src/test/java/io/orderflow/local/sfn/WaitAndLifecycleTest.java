package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.local.sfn.clock.ScaledClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Wait variants, StopExecution, execution timeouts, and the scaled clock. */
class WaitAndLifecycleTest {

  private final EngineFixture f = EngineFixture.manual();

  @AfterEach
  void close() {
    f.close();
  }

  private static String waitMachine(String waitFields) {
    return "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\"," + waitFields + ",\"Next\":\"Done\"},\"Done\":{\"Type\":\"Succeed\"}}}";
  }

  private Duration waited(String arn) {
    List<HistoryEvent> events = f.engine.getExecutionHistory(arn);
    Instant entered = events.stream().filter(e -> e.type().equals("WaitStateEntered")).findFirst().orElseThrow().timestamp();
    Instant exited = events.stream().filter(e -> e.type().equals("WaitStateExited")).findFirst().orElseThrow().timestamp();
    return Duration.between(entered, exited);
  }

  private void runWait(String definition, String input, Duration expected) {
    String arn = f.start(definition, input);
    f.awaitTimers(1);
    f.manualClock().advance(expected.minusSeconds(1));
    assertThat(f.engine.describeExecution(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
    f.manualClock().advance(Duration.ofSeconds(1));
    assertThat(f.awaitEnd(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(waited(arn)).isEqualTo(expected);
  }

  @Test
  void waitSeconds() {
    runWait(waitMachine("\"Seconds\":30"), "{}", Duration.ofSeconds(30));
  }

  @Test
  void waitSecondsPath() {
    runWait(waitMachine("\"SecondsPath\":\"$.delay\""), "{\"delay\":45}", Duration.ofSeconds(45));
  }

  @Test
  void waitTimestamp() {
    // the manual clock starts at 2024-05-01T10:00:00Z
    runWait(waitMachine("\"Timestamp\":\"2024-05-01T11:00:00Z\""), "{}", Duration.ofHours(1));
  }

  @Test
  void waitTimestampPath() {
    runWait(waitMachine("\"TimestampPath\":\"$.until\""), "{\"until\":\"2024-05-01T10:02:00+00:00\"}", Duration.ofMinutes(2));
  }

  @Test
  void aTimestampInThePastDoesNotWait() {
    ExecutionDescription d = f.awaitEnd(f.start(waitMachine("\"Timestamp\":\"2020-01-01T00:00:00Z\""), "{}"));
    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void aSecondsPathThatIsNotANonNegativeIntegerIsStatesRuntime() {
    assertThat(f.awaitEnd(f.start(waitMachine("\"SecondsPath\":\"$.delay\""), "{\"delay\":\"soon\"}")).error()).isEqualTo("States.Runtime");
    assertThat(f.awaitEnd(f.start(waitMachine("\"TimestampPath\":\"$.t\""), "{\"t\":\"tomorrow\"}")).error()).isEqualTo("States.Runtime");
  }

  @Test
  void stopExecutionAbortsAWaitAndReleasesItsTimer() {
    String arn = f.start(waitMachine("\"Seconds\":86400"), "{}");
    f.awaitTimers(1);
    ExecutionDescription stopped = f.engine.stopExecution(arn, "Ops.Cancelled", "customer cancelled");
    assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(stopped.error()).isEqualTo("Ops.Cancelled");
    assertThat(stopped.stopDate()).isNotNull();
    assertThat(f.manualClock().pendingTimers()).isZero();
    List<String> types = f.eventTypes(arn);
    assertThat(types.subList(types.size() - 2, types.size())).containsExactly("WaitStateAborted", "ExecutionAborted");
    HistoryEvent aborted = f.engine.getExecutionHistory(arn).get(types.size() - 1);
    assertThat(aborted.details().get("cause").asText()).isEqualTo("customer cancelled");
    // stopping twice changes nothing
    assertThat(f.engine.stopExecution(arn, null, null).status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(f.eventTypes(arn)).hasSize(types.size());
  }

  @Test
  void theMachineTimeoutSecondsEndsTheExecutionAsTimedOut() {
    String def = "{\"TimeoutSeconds\":60,\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":120,\"End\":true}}}";
    String arn = f.start(def, "{}");
    f.awaitTimers(2);
    f.manualClock().advance(Duration.ofSeconds(60));
    ExecutionDescription d = f.awaitEnd(arn);
    assertThat(d.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(d.error()).isEqualTo("States.Timeout");
    assertThat(f.eventTypes(arn)).endsWith("WaitStateAborted", "ExecutionTimedOut");
    assertThat(f.manualClock().pendingTimers()).isZero();
  }

  @Test
  void aScaledClockShortensWaitsWhileHistoryShowsEngineTime() {
    try (ScaledClock clock = new ScaledClock(600); StepFunctionsEngine engine = StepFunctionsEngine.builder().clock(clock).build()) {
      String machine = engine.createStateMachine("scaled", waitMachine("\"Seconds\":60"));
      long realStart = System.nanoTime();
      String arn = engine.startExecution(machine, "e", "{}").executionArn();
      assertThat(engine.completion(arn)).succeedsWithin(Duration.ofSeconds(5));
      Duration real = Duration.ofNanos(System.nanoTime() - realStart);
      List<HistoryEvent> events = engine.getExecutionHistory(arn);
      Instant entered = events.get(1).timestamp();
      Instant exited = events.get(2).timestamp();
      assertThat(Duration.between(entered, exited)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(90));
      assertThat(real).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void executionNamesAndInputsAreValidated() {
    String machine = f.machine(waitMachine("\"Seconds\":0"));
    assertThatThrownBy(() -> f.engine.startExecution(machine, "bad name", "{}"))
        .isInstanceOfSatisfying(SfnServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("InvalidName"));
    assertThatThrownBy(() -> f.engine.startExecution(machine, "ok", "{not json"))
        .isInstanceOfSatisfying(SfnServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("InvalidExecutionInput"));
  }
}
