package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.json.Json;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelAndMapTest {

  private final EngineFixture f = EngineFixture.fast();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void parallelGivesEveryBranchTheInputAndOutputsTheBranchResultsInOrder() {
    String def = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","Parameters":{"n.$":"$.n"},"ResultPath":"$.results","End":true,
          "Branches":[
            {"StartAt":"Slow","States":{"Slow":{"Type":"Wait","Seconds":5,"Next":"A"},"A":{"Type":"Pass","Parameters":{"a.$":"$.n"},"End":true}}},
            {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","End":true}}}]}}}""";
    ExecutionDescription d = f.run(def, "{\"n\":1}");
    assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"n\":1,\"results\":[{\"a\":1},\"b\"]}"));
    assertThat(f.eventTypes(d.executionArn())).containsSubsequence("ParallelStateEntered", "ParallelStateStarted",
        "ParallelStateSucceeded", "ParallelStateExited");
  }

  @Test
  void aFailingBranchFailsTheParallelWithItsErrorStopsTheOthersAndCanBeCaught() {
    String def = """
        {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,
          "Catch":[{"ErrorEquals":["OutOfStock"],"ResultPath":"$.error","Next":"Release"}],
          "Branches":[
            {"StartAt":"Forever","States":{"Forever":{"Type":"Wait","Seconds":99999999,"End":true}}},
            {"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"OutOfStock","Cause":"sku A"}}}]},
          "Release":{"Type":"Pass","End":true}}}""";
    ExecutionDescription d = f.run(def, "{}");
    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(d.output()).get("error")).isEqualTo(Json.parse("{\"Error\":\"OutOfStock\",\"Cause\":\"sku A\"}"));
    assertThat(f.eventTypes(d.executionArn())).contains("ParallelStateFailed", "FailStateEntered").doesNotContain("WaitStateExited");
  }

  @Test
  void mapRunsEachItemThroughItemSelectorWithTheMapContext() {
    String def = """
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.lines","ResultPath":"$.priced","End":true,
          "ItemSelector":{"sku.$":"$$.Map.Item.Value.sku","index.$":"$$.Map.Item.Index","currency.$":"$.currency"},
          "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Price","States":{
             "Price":{"Type":"Pass","Parameters":{"line.$":"States.Format('{}#{}', $.sku, $.index)","currency.$":"$.currency"},"End":true}}}}}}""";
    ExecutionDescription d = f.run(def, "{\"currency\":\"EUR\",\"lines\":[{\"sku\":\"A\"},{\"sku\":\"B\"},{\"sku\":\"C\"}]}");
    JsonNode priced = Json.parse(d.output()).get("priced");
    assertThat(priced).isEqualTo(Json.parse("[{\"line\":\"A#0\",\"currency\":\"EUR\"},{\"line\":\"B#1\",\"currency\":\"EUR\"},{\"line\":\"C#2\",\"currency\":\"EUR\"}]"));
    List<HistoryEvent> events = f.engine.getExecutionHistory(d.executionArn());
    assertThat(events.stream().filter(e -> e.type().equals("MapStateStarted")).findFirst().orElseThrow().details().get("length").asInt()).isEqualTo(3);
    assertThat(events.stream().filter(e -> e.type().equals("MapIterationSucceeded")).map(e -> e.details().get("index").asInt()))
        .containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void legacyIteratorAndParametersStillWork() {
    String def = """
        {"StartAt":"M","States":{"M":{"Type":"Map","Parameters":{"v.$":"$$.Map.Item.Value"},"End":true,
          "Iterator":{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}}}}}""";
    assertThat(Json.parse(f.run(def, "[1,2]").output())).isEqualTo(Json.parse("[{\"v\":1},{\"v\":2}]"));
  }

  @Test
  void maxConcurrencyLimitsHowManyIterationsRunAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    f.functions.register("work", p -> {
      int now = running.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      long until = System.nanoTime() + 20_000_000; // 20 ms of "work" so iterations overlap if allowed
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      running.decrementAndGet();
      return p;
    });
    String def = """
        {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,"End":true,
          "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:work","End":true}}}}}}""";
    ExecutionDescription d = f.run(def, "[1,2,3,4,5,6]");
    assertThat(Json.parse(d.output())).isEqualTo(Json.parse("[1,2,3,4,5,6]"));
    assertThat(peak.get()).isBetween(1, 2);
  }

  @Test
  void withoutToleranceTheFirstFailedIterationFailsTheMapWithItsError() {
    String def = """
        {"StartAt":"M","States":{"M":{"Type":"Map","End":true,
          "ItemProcessor":{"StartAt":"C","States":{
             "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Bad"}],"Default":"Ok"},
             "Bad":{"Type":"Fail","Error":"BadItem","Cause":"item 2"},"Ok":{"Type":"Pass","End":true}}}}}}""";
    ExecutionDescription d = f.run(def, "[1,2,3]");
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("BadItem");
    assertThat(f.eventTypes(d.executionArn())).contains("MapIterationFailed", "MapStateFailed");
  }

  private static String tolerantMap(String tolerance) {
    return """
        {"StartAt":"M","States":{"M":{"Type":"Map",%s,"End":true,
          "Catch":[{"ErrorEquals":["States.ExceedToleratedFailureThreshold"],"Next":"TooMany"}],
          "ItemProcessor":{"StartAt":"C","States":{
             "C":{"Type":"Choice","Choices":[{"Variable":"$","StringEquals":"bad","Next":"Bad"}],"Default":"Ok"},
             "Bad":{"Type":"Fail","Error":"BadItem"},"Ok":{"Type":"Pass","End":true}}}},
          "TooMany":{"Type":"Pass","Result":"too many failures","End":true}}}""".formatted(tolerance);
  }

  @Test
  void toleratedFailureCountLetsSomeIterationsFail() {
    ExecutionDescription ok = f.run(tolerantMap("\"ToleratedFailureCount\":1"), "[\"a\",\"bad\",\"c\"]");
    assertThat(Json.parse(ok.output())).isEqualTo(Json.parse("[\"a\",{\"Error\":\"BadItem\"},\"c\"]"));
    ExecutionDescription tooMany = f.run(tolerantMap("\"ToleratedFailureCount\":1"), "[\"bad\",\"bad\",\"c\"]");
    assertThat(tooMany.output()).isEqualTo("\"too many failures\"");
  }

  @Test
  void toleratedFailurePercentageAndItsPathVariant() {
    assertThat(f.run(tolerantMap("\"ToleratedFailurePercentage\":50"), "[\"a\",\"bad\",\"c\",\"d\"]").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(f.run(tolerantMap("\"ToleratedFailurePercentage\":20"), "[\"a\",\"bad\",\"c\",\"d\"]").output()).isEqualTo("\"too many failures\"");
    String withPath = tolerantMap("\"ToleratedFailureCountPath\":\"$.tolerate\",\"ItemsPath\":\"$.items\"");
    assertThat(f.run(withPath, "{\"tolerate\":2,\"items\":[\"bad\",\"bad\",\"ok\"]}").status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void itemsPathMustSelectAnArray() {
    String def = "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.x\",\"End\":true,"
        + "\"ItemProcessor\":{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}}}}";
    assertThat(f.run(def, "{\"x\":{}}").error()).isEqualTo("States.Runtime");
    assertThat(f.run(def, "{\"x\":[]}").output()).isEqualTo("[]");
  }

  @Test
  void hundredsOfExecutionsCanWaitForTaskTokensAtOnce() {
    AtomicInteger callbacks = new AtomicInteger();
    List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();
    f.functions.register("park", p -> {
      tokens.add(Json.parse(p).get("t").asText());
      callbacks.incrementAndGet();
      return "{}";
    });
    String machine = f.machine("""
        {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters":{"FunctionName":"park","Payload":{"t.$":"$$.Task.Token"}},"End":true}}}""");
    int count = 300;
    for (int i = 0; i < count; i++) {
      f.engine.startExecution(machine, "park-" + i, "{}");
    }
    await().until(() -> callbacks.get() == count);
    long threads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("sfn-worker")).count();
    assertThat(threads).isLessThan(count / 2);
    tokens.forEach(t -> f.engine.sendTaskSuccess(t, "{\"done\":true}"));
    await().until(() -> f.engine.listExecutions(machine, ExecutionStatus.SUCCEEDED, 1000, null).items().size() == count);
  }
}
