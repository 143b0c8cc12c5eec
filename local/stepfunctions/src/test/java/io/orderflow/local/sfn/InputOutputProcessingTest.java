package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** InputPath → Parameters → ResultSelector → ResultPath → OutputPath, path semantics, the context object. */
class InputOutputProcessingTest {

  private final EngineFixture f = EngineFixture.fast();

  @AfterEach
  void close() {
    f.close();
  }

  private static String single(String stateJson) {
    return "{\"StartAt\":\"S\",\"States\":{\"S\":" + stateJson + "}}";
  }

  @Test
  void passAppliesInputPathParametersResultPathAndOutputPathInOrder() {
    String def = single("""
        {"Type":"Pass","InputPath":"$.order","Parameters":{"id.$":"$.id","fixed":"x","nested":{"qty.$":"$.lines[0].qty"}},
         "ResultPath":"$.built","OutputPath":"$.built","End":true}""");
    ExecutionDescription d = f.run(def, "{\"order\":{\"id\":\"o1\",\"lines\":[{\"qty\":3}]},\"other\":1}");
    assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"id\":\"o1\",\"fixed\":\"x\",\"nested\":{\"qty\":3}}"));
  }

  @Test
  void resultPathIsAppliedToTheRawInputNotTheInputPathSelection() {
    String def = single("{\"Type\":\"Pass\",\"InputPath\":\"$.a\",\"Result\":\"r\",\"ResultPath\":\"$.res\",\"End\":true}");
    assertThat(Json.parse(f.run(def, "{\"a\":{\"b\":1},\"c\":2}").output()))
        .isEqualTo(Json.parse("{\"a\":{\"b\":1},\"c\":2,\"res\":\"r\"}"));
  }

  @Test
  void resultPathNullDiscardsTheResult() {
    String def = single("{\"Type\":\"Pass\",\"Result\":{\"big\":true},\"ResultPath\":null,\"End\":true}");
    assertThat(f.run(def, "{\"keep\":1}").output()).isEqualTo("{\"keep\":1}");
  }

  @Test
  void resultPathCreatesMissingNestedObjects() {
    String def = single("{\"Type\":\"Pass\",\"Result\":7,\"ResultPath\":\"$.a.b['c d'].e\",\"End\":true}");
    assertThat(Json.parse(f.run(def, "{\"a\":{\"x\":1}}").output()))
        .isEqualTo(Json.parse("{\"a\":{\"x\":1,\"b\":{\"c d\":{\"e\":7}}}}"));
  }

  @Test
  void resultPathIntoAScalarIsResultPathMatchFailure() {
    String def = single("{\"Type\":\"Pass\",\"Result\":7,\"ResultPath\":\"$.a.b\",\"End\":true}");
    ExecutionDescription d = f.run(def, "{\"a\":\"text\"}");
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.ResultPathMatchFailure");
  }

  @Test
  void inputPathAndOutputPathNullGiveAnEmptyObject() {
    String def = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"InputPath\":null,\"Next\":\"B\"},"
        + "\"B\":{\"Type\":\"Pass\",\"Result\":1,\"OutputPath\":null,\"End\":true}}}";
    ExecutionDescription d = f.run(def, "{\"x\":1}");
    assertThat(d.output()).isEqualTo("{}");
    assertThat(f.engine.getExecutionHistory(d.executionArn()).get(2).details().get("output").asText()).isEqualTo("{}");
  }

  @Test
  void definitePathsYieldValuesAndIndefinitePathsYieldArrays() {
    String def = single("""
        {"Type":"Pass","Parameters":{"first.$":"$.items[0].sku","all.$":"$.items[*].sku","deep.$":"$..qty",
         "cheap.$":"$.items[?(@.price < 10)].sku","none.$":"$.items[?(@.price > 1000)].sku"},"End":true}""");
    JsonNode out = Json.parse(f.run(def, "{\"items\":[{\"sku\":\"A\",\"qty\":1,\"price\":5},{\"sku\":\"B\",\"qty\":2,\"price\":50}]}").output());
    assertThat(out.get("first").asText()).isEqualTo("A");
    assertThat(out.get("all")).isEqualTo(Json.parse("[\"A\",\"B\"]"));
    assertThat(out.get("deep")).isEqualTo(Json.parse("[1,2]"));
    assertThat(out.get("cheap")).isEqualTo(Json.parse("[\"A\"]"));
    assertThat(out.get("none")).isEqualTo(Json.parse("[]"));
  }

  @Test
  void aParameterPathThatMatchesNothingFailsWithStatesRuntime() {
    String def = single("{\"Type\":\"Pass\",\"Parameters\":{\"x.$\":\"$.missing\"},\"End\":true}");
    ExecutionDescription d = f.run(def, "{}");
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.Runtime");
    assertThat(d.cause()).contains("$.missing").contains("x.$");
  }

  @Test
  void statesRuntimeIsNotCaughtByStatesAllNorRetried() {
    f.functions.register("fn", p -> "{}");
    String def = """
        {"StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.nope",
               "Parameters":{"FunctionName":"fn"},
               "Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":5}],
               "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
          "Caught":{"Type":"Succeed"}}}""";
    ExecutionDescription d = f.run(def, "{}");
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.Runtime");
    assertThat(f.eventTypes(d.executionArn())).doesNotContain("TaskScheduled", "SucceedStateEntered");
  }

  @Test
  void anOutputPathThatMatchesNothingIsStatesRuntime() {
    String def = single("{\"Type\":\"Pass\",\"OutputPath\":\"$.gone\",\"End\":true}");
    assertThat(f.run(def, "{}").error()).isEqualTo("States.Runtime");
  }

  @Test
  void resultSelectorShapesATaskResultBeforeResultPath() {
    f.functions.register("fn", p -> "{\"a\":1,\"b\":{\"c\":2}}");
    String def = single("""
        {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},
         "ResultSelector":{"c.$":"$.Payload.b.c","code.$":"$.StatusCode"},"ResultPath":"$.res","End":true}""");
    assertThat(Json.parse(f.run(def, "{\"in\":true}").output()))
        .isEqualTo(Json.parse("{\"in\":true,\"res\":{\"c\":2,\"code\":200}}"));
  }

  @Test
  void contextObjectExposesExecutionStateMachineAndState() {
    String machine = f.engine.createStateMachine("ctx-machine", single("""
        {"Type":"Pass","Parameters":{"id.$":"$$.Execution.Id","name.$":"$$.Execution.Name","input.$":"$$.Execution.Input",
          "start.$":"$$.Execution.StartTime","role.$":"$$.Execution.RoleArn","sm.$":"$$.StateMachine.Id",
          "smName.$":"$$.StateMachine.Name","state.$":"$$.State.Name","entered.$":"$$.State.EnteredTime",
          "stateObject.$":"$$.State"},"End":true}"""), "arn:aws:iam::000000000000:role/r", null);
    ExecutionDescription started = f.engine.startExecution(machine, "exec-1", "{\"k\":\"v\"}");
    JsonNode out = Json.parse(f.awaitEnd(started.executionArn()).output());
    assertThat(out.get("id").asText()).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:ctx-machine:exec-1");
    assertThat(out.get("name").asText()).isEqualTo("exec-1");
    assertThat(out.get("input")).isEqualTo(Json.parse("{\"k\":\"v\"}"));
    assertThat(out.get("start").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(out.get("role").asText()).isEqualTo("arn:aws:iam::000000000000:role/r");
    assertThat(out.get("sm").asText()).isEqualTo(machine);
    assertThat(out.get("smName").asText()).isEqualTo("ctx-machine");
    assertThat(out.get("state").asText()).isEqualTo("S");
    assertThat(out.get("entered").asText()).endsWith("Z");
    // as recorded on AWS (issue #17): a Pass state's $$.State has no RetryCount; Task states have
    // one (RetryCatchTimeoutTest reads it from $$.State.RetryCount on every attempt)
    assertThat(out.get("stateObject").has("RetryCount")).isFalse();
  }

  @Test
  void passWithResultIgnoresParameters() {
    String def = single("{\"Type\":\"Pass\",\"Result\":{\"r\":1},\"End\":true}");
    assertThat(f.run(def, "{\"x\":1}").output()).isEqualTo("{\"r\":1}");
  }
}
