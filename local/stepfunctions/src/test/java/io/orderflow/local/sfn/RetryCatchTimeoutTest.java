package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retry (backoff, MaxAttempts, MaxDelaySeconds, jitter), Catch, Lambda errors, timeouts, heartbeats and task tokens. */
class RetryCatchTimeoutTest {

  private final EngineFixture f = EngineFixture.manual();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    f.close();
  }

  private List<Instant> timestamps(String arn, String type) {
    return f.engine.getExecutionHistory(arn).stream().filter(e -> e.type().equals(type)).map(HistoryEvent::timestamp).toList();
  }

  @Test
  void retriesWithExponentialBackoffCappedByMaxDelaySecondsThenCatches() {
    List<Integer> retryCounts = new CopyOnWriteArrayList<>();
    f.functions.register("flaky", p -> {
      retryCounts.add(Json.parse(p).get("retry").asInt());
      throw new LambdaFunctionException("Flaky", "try again");
    });
    String arn = f.start("""
        {"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
               "Parameters":{"FunctionName":"flaky","Payload":{"retry.$":"$$.State.RetryCount"}},
               "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":3,"MaxDelaySeconds":10}],
               "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.failure","Next":"Fallback"}],"End":true},
          "Fallback":{"Type":"Pass","End":true}}}""", "{\"orderId\":\"o-1\"}");
    for (int retry = 0; retry < 3; retry++) {
      f.awaitTimers(1);
      f.manualClock().advanceToNext();
    }
    ExecutionDescription d = f.awaitEnd(arn);

    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(retryCounts).containsExactly(0, 1, 2, 3);
    List<Instant> failed = timestamps(arn, "TaskFailed");
    List<Instant> scheduled = timestamps(arn, "TaskScheduled");
    assertThat(failed).hasSize(4);
    assertThat(Duration.between(failed.get(0), scheduled.get(1))).isEqualTo(Duration.ofSeconds(2));
    assertThat(Duration.between(failed.get(1), scheduled.get(2))).isEqualTo(Duration.ofSeconds(6));
    assertThat(Duration.between(failed.get(2), scheduled.get(3))).isEqualTo(Duration.ofSeconds(10)); // 18 capped to 10
    JsonNode output = Json.parse(d.output());
    assertThat(output.get("orderId").asText()).isEqualTo("o-1");
    assertThat(output.at("/failure/Error").asText()).isEqualTo("Flaky");
    assertThat(Json.parse(output.at("/failure/Cause").asText()).get("errorMessage").asText()).isEqualTo("try again");
    assertThat(f.eventTypes(arn)).containsSubsequence("TaskFailed", "TaskStateExited", "PassStateEntered");
  }

  @Test
  void theFirstMatchingRetrierDecidesAndMaxAttemptsZeroNeverRetries() {
    AtomicInteger calls = new AtomicInteger();
    f.functions.register("fatal", p -> {
      calls.incrementAndGet();
      throw new LambdaFunctionException("Fatal", "no");
    });
    ExecutionDescription d = f.awaitEnd(f.start("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"FunctionName":"fatal"},
          "Retry":[{"ErrorEquals":["Fatal"],"MaxAttempts":0},{"ErrorEquals":["States.ALL"],"MaxAttempts":5}],"End":true}}}""", "{}"));
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("Fatal");
    assertThat(calls).hasValue(1);
  }

  @Test
  void defaultRetryIsThreeAttemptsAtOneTwoAndFourSeconds() {
    f.functions.register("down", p -> {
      throw new LambdaFunctionException("Lambda.ServiceException", "503");
    });
    String arn = f.start("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"FunctionName":"down"},"Retry":[{"ErrorEquals":["Lambda.ServiceException"]}],"End":true}}}""", "{}");
    Instant start = f.clock.now();
    for (int retry = 0; retry < 3; retry++) {
      f.awaitTimers(1);
      f.manualClock().advanceToNext();
    }
    ExecutionDescription d = f.awaitEnd(arn);
    assertThat(d.error()).isEqualTo("Lambda.ServiceException");
    assertThat(timestamps(arn, "TaskScheduled")).hasSize(4);
    assertThat(Duration.between(start, d.stopDate())).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void fullJitterWaitsNoLongerThanTheComputedInterval() {
    f.functions.register("down", p -> {
      throw new LambdaFunctionException("Busy", "later");
    });
    String arn = f.start("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"FunctionName":"down"},"Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":100,"MaxAttempts":1,"JitterStrategy":"FULL"}],"End":true}}}""", "{}");
    f.awaitTimers(1);
    Duration wait = Duration.between(f.clock.now(), f.manualClock().nextDue());
    assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(100));
    f.manualClock().advanceToNext();
    assertThat(f.awaitEnd(arn).error()).isEqualTo("Busy");
  }

  @Test
  void anUncaughtJavaExceptionReportsItsClassNameAsErrorAndTheLambdaErrorJsonAsCause() {
    f.functions.register("boom", p -> {
      throw new IllegalStateException("stock table unavailable");
    });
    ExecutionDescription d = f.awaitEnd(f.start("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"FunctionName":"boom"},"Catch":[{"ErrorEquals":["java.lang.IllegalStateException"],"Next":"Caught"}],"End":true},
          "Caught":{"Type":"Pass","End":true}}}""", "{}"));
    JsonNode output = Json.parse(d.output());
    assertThat(output.get("Error").asText()).isEqualTo("java.lang.IllegalStateException");
    JsonNode cause = Json.parse(output.get("Cause").asText());
    assertThat(cause.get("errorMessage").asText()).isEqualTo("stock table unavailable");
    assertThat(cause.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(cause.get("stackTrace").isArray()).isTrue();
    assertThat(cause.get("stackTrace")).isNotEmpty();
  }

  @Test
  void statesTaskFailedMatchesTaskErrorsButNotTimeouts() {
    f.functions.register("slow", p -> {
      release.await();
      return "{}";
    });
    f.functions.register("bad", p -> {
      throw new LambdaFunctionException("Whatever", "x");
    });
    String def = """
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":5,
          "Parameters":{"FunctionName.$":"$.fn"},"Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Caught"}],"End":true},
          "Caught":{"Type":"Pass","Result":"caught","End":true}}}""";
    assertThat(f.awaitEnd(f.start(def, "{\"fn\":\"bad\"}")).output()).isEqualTo("\"caught\"");

    String slow = f.start(def, "{\"fn\":\"slow\"}");
    f.awaitTimers(1);
    f.manualClock().advance(Duration.ofSeconds(5));
    ExecutionDescription d = f.awaitEnd(slow);
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.Timeout");
    assertThat(f.eventTypes(slow)).contains("TaskTimedOut").doesNotContain("TaskSucceeded");
  }

  @Test
  void timeoutSecondsPathIsReadFromTheInputAndCaughtAsStatesTimeout() {
    f.functions.register("slow", p -> {
      release.await();
      return "{}";
    });
    String arn = f.start("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSecondsPath":"$.limit",
          "Parameters":{"FunctionName":"slow"},"Catch":[{"ErrorEquals":["States.Timeout"],"ResultPath":"$.err","Next":"Late"}],"End":true},
          "Late":{"Type":"Pass","End":true}}}""", "{\"limit\":30}");
    f.awaitTimers(1);
    f.manualClock().advance(Duration.ofSeconds(29));
    assertThat(f.engine.describeExecution(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
    f.manualClock().advance(Duration.ofSeconds(1));
    ExecutionDescription d = f.awaitEnd(arn);
    assertThat(Json.parse(d.output()).at("/err/Error").asText()).isEqualTo("States.Timeout");
    assertThat(f.engine.getExecutionHistory(arn).stream().filter(e -> e.type().equals("TaskScheduled")).findFirst().orElseThrow()
        .details().get("timeoutInSeconds").asInt()).isEqualTo(30);
  }

  private String callbackMachine(String extra) {
    return """
        {"StartAt":"Dispatch","States":{
          "Dispatch":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
             "Parameters":{"FunctionName":"carrier","Payload":{"token.$":"$$.Task.Token","order.$":"$.order"}},
             %s
             "Catch":[{"ErrorEquals":["CarrierDown"],"ResultPath":"$.error","Next":"Compensate"}],
             "ResultPath":"$.shipment","End":true},
          "Compensate":{"Type":"Pass","End":true}}}""".formatted(extra);
  }

  private AtomicReference<String> captureTokens() {
    AtomicReference<String> token = new AtomicReference<>();
    f.functions.register("carrier", p -> {
      token.set(Json.parse(p).get("token").asText());
      return "{\"accepted\":true}";
    });
    return token;
  }

  @Test
  void waitForTaskTokenCompletesWithWhatSendTaskSuccessSends() {
    AtomicReference<String> token = captureTokens();
    String arn = f.start(callbackMachine(""), "{\"order\":\"o-9\"}");
    await().until(() -> token.get() != null);
    await().until(() -> f.eventTypes(arn).contains("TaskSubmitted"));
    assertThat(f.engine.describeExecution(arn).status()).isEqualTo(ExecutionStatus.RUNNING);

    f.engine.sendTaskSuccess(token.get(), "{\"tracking\":\"TRK1\"}");
    ExecutionDescription d = f.awaitEnd(arn);
    assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"order\":\"o-9\",\"shipment\":{\"tracking\":\"TRK1\"}}"));
    assertThat(f.eventTypes(arn)).containsSubsequence("TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited");

    assertThatThrownBy(() -> f.engine.sendTaskSuccess(token.get(), "{}"))
        .isInstanceOfSatisfying(SfnServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("TaskTimedOut"));
    assertThatThrownBy(() -> f.engine.sendTaskSuccess("not-a-token", "{}"))
        .isInstanceOfSatisfying(SfnServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("InvalidToken"));
    String unknown = "AQ" + "A".repeat(86);
    assertThatThrownBy(() -> f.engine.sendTaskHeartbeat(unknown))
        .isInstanceOfSatisfying(SfnServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("TaskDoesNotExist"));
  }

  @Test
  void sendTaskFailureRaisesTheGivenErrorWhichCatchCanHandle() {
    AtomicReference<String> token = captureTokens();
    String arn = f.start(callbackMachine(""), "{\"order\":\"o-9\"}");
    await().until(() -> token.get() != null);
    f.engine.sendTaskFailure(token.get(), "CarrierDown", "no trucks today");
    ExecutionDescription d = f.awaitEnd(arn);
    assertThat(Json.parse(d.output()).get("error")).isEqualTo(Json.parse("{\"Error\":\"CarrierDown\",\"Cause\":\"no trucks today\"}"));
    assertThat(f.eventTypes(arn)).contains("TaskFailed");
  }

  @Test
  void aCallbackTaskTimesOutAndItsTokenIsThenRefused() {
    AtomicReference<String> token = captureTokens();
    String arn = f.start(callbackMachine("\"TimeoutSeconds\":3600,"), "{\"order\":\"o-9\"}");
    await().until(() -> token.get() != null);
    f.awaitTimers(1);
    f.manualClock().advance(Duration.ofHours(1));
    ExecutionDescription d = f.awaitEnd(arn);
    assertThat(d.error()).isEqualTo("States.Timeout");
    assertThatThrownBy(() -> f.engine.sendTaskSuccess(token.get(), "{}"))
        .isInstanceOfSatisfying(SfnServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("TaskTimedOut"));
  }

  @Test
  void heartbeatsKeepACallbackTaskAliveUntilTheyStop() {
    AtomicReference<String> token = captureTokens();
    String arn = f.start(callbackMachine("\"TimeoutSeconds\":100,\"HeartbeatSeconds\":10,"), "{\"order\":\"o-9\"}");
    await().until(() -> token.get() != null);
    f.awaitTimers(2); // task timeout + heartbeat
    f.manualClock().advance(Duration.ofSeconds(8));
    f.engine.sendTaskHeartbeat(token.get());
    f.manualClock().advance(Duration.ofSeconds(8)); // 16 s after start, 8 s after the heartbeat
    assertThat(f.engine.describeExecution(arn).status()).isEqualTo(ExecutionStatus.RUNNING);
    f.manualClock().advance(Duration.ofSeconds(3)); // 11 s without a heartbeat
    ExecutionDescription d = f.awaitEnd(arn);
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.HeartbeatTimeout");
    assertThat(f.eventTypes(arn)).contains("TaskTimedOut");
  }

  @Test
  void anUnknownFunctionIsLambdaResourceNotFoundException() {
    ExecutionDescription d = f.awaitEnd(f.start("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
          "Parameters":{"FunctionName":"arn:aws:lambda:us-east-1:000000000000:function:ghost:prod"},"End":true}}}""", "{}"));
    assertThat(d.error()).isEqualTo("Lambda.ResourceNotFoundException");
    assertThat(d.cause()).contains("function:ghost");
  }

  @Test
  void functionNamesAreTakenFromArnsPartialArnsAndQualifiedNames() {
    List<String> seen = new CopyOnWriteArrayList<>();
    f.functions.register("validate", p -> {
      seen.add(p);
      return "{}";
    });
    for (String reference : List.of("validate", "validate:live", "000000000000:function:validate",
        "arn:aws:lambda:us-east-1:000000000000:function:validate:7")) {
      String def = "{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
          + "\"Parameters\":{\"FunctionName\":\"" + reference + "\",\"Payload\":{\"ref\":\"" + reference + "\"}},\"End\":true}}}";
      assertThat(f.awaitEnd(f.start(def, "{}")).status()).as(reference).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
    assertThat(seen).hasSize(4);
  }

  @Test
  void aBareFunctionArnReturnsTheFunctionOutputWithLambdaFunctionEvents() {
    f.functions.register("price", p -> "{\"total\":\"12.50\"}");
    f.functions.register("broken", p -> {
      throw new LambdaFunctionException("InvalidOrder", "bad sku");
    });
    String ok = f.start("{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:price\",\"End\":true}}}", "{\"sku\":\"A\"}");
    assertThat(f.awaitEnd(ok).output()).isEqualTo("{\"total\":\"12.50\"}");
    assertThat(f.eventTypes(ok)).containsSubsequence("LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded")
        .doesNotContain("TaskScheduled");
    HistoryEvent scheduled = f.engine.getExecutionHistory(ok).get(2);
    assertThat(scheduled.details().get("resource").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:price");
    assertThat(scheduled.details().get("input").asText()).isEqualTo("{\"sku\":\"A\"}");

    String bad = f.start("{\"StartAt\":\"T\",\"States\":{\"T\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:lambda:us-east-1:000000000000:function:broken:live\",\"End\":true}}}", "{}");
    ExecutionDescription d = f.awaitEnd(bad);
    assertThat(d.error()).isEqualTo("InvalidOrder");
    assertThat(f.eventTypes(bad)).contains("LambdaFunctionFailed");
  }
}
