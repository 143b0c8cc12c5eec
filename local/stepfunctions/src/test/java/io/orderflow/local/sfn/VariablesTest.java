package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.local.sfn.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Workflow variables (Assign, {@code $name}) in JSONPath states. Expected values follow the AWS
 * Step Functions developer guide, "Passing data between states with variables": Assign in Pass,
 * Task, Map, Parallel, Choice and Wait; {@code $name} in paths and templates; assignments of one
 * state evaluated against the variables as they were before it; inner scopes (Parallel branches,
 * Map iterations) read outer variables but their own assignments never reach the outer scope;
 * a variable holds at most 256 KiB.
 */
class VariablesTest {

  private final EngineFixture f = EngineFixture.fast();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void assignedVariablesAreReadByLaterStatesWithoutPassingThroughTheirInput() {
    String def = """
        {"StartAt":"Remember","States":{
          "Remember":{"Type":"Pass","Assign":{"orderId.$":"$.id","count":42,"limits":{"max":3}},"Result":{},"Next":"Forget"},
          "Forget":{"Type":"Pass","Result":{"unrelated":true},"Next":"Use"},
          "Use":{"Type":"Pass","Parameters":{"id.$":"$orderId","count.$":"$count","max.$":"$limits.max",
                                              "text.$":"States.Format('order {}', $orderId)"},"End":true}}}""";
    ExecutionDescription d = f.run(def, "{\"id\":\"o-7\"}");
    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"id\":\"o-7\",\"count\":42,\"max\":3,\"text\":\"order o-7\"}"));
  }

  @Test
  void theAssignmentsOfOneStateSeeTheValuesFromBeforeIt() {
    // the guide's example: "x" is reassigned and "y" copies "x" in the same Assign: y gets the old x
    String def = """
        {"StartAt":"A","States":{
          "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
          "B":{"Type":"Pass","Assign":{"x":2,"y.$":"$x"},"Next":"C"},
          "C":{"Type":"Pass","Parameters":{"x.$":"$x","y.$":"$y"},"End":true}}}""";
    assertThat(Json.parse(f.run(def, "{}").output())).isEqualTo(Json.parse("{\"x\":2,\"y\":1}"));
  }

  @Test
  void choiceRulesCompareVariablesAndAssign() {
    String def = """
        {"StartAt":"Set","States":{
          "Set":{"Type":"Pass","Assign":{"limit":10},"Next":"C"},
          "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThanPath":"$limit","Next":"Big","Assign":{"size":"big"}}],
               "Default":"Small"},
          "Big":{"Type":"Pass","Parameters":{"size.$":"$size"},"End":true},
          "Small":{"Type":"Pass","Result":"small","End":true}}}""";
    assertThat(f.run(def, "{\"n\":11}").output()).isEqualTo("{\"size\":\"big\"}");
    assertThat(f.run(def, "{\"n\":9}").output()).isEqualTo("\"small\"");
  }

  @Test
  void innerScopesReadOuterVariablesButTheirAssignmentsStayInside() {
    String def = """
        {"StartAt":"Set","States":{
          "Set":{"Type":"Pass","Assign":{"outer":"o","seen":"before"},"Next":"P"},
          "P":{"Type":"Parallel","Branches":[{"StartAt":"In","States":{
               "In":{"Type":"Pass","Assign":{"seen":"inside"},"Next":"Read"},
               "Read":{"Type":"Pass","Parameters":{"outer.$":"$outer","seen.$":"$seen"},"End":true}}}],
               "Next":"After"},
          "After":{"Type":"Pass","Parameters":{"branch.$":"$[0]","seen.$":"$seen"},"End":true}}}""";
    assertThat(Json.parse(f.run(def, "{}").output()))
        .isEqualTo(Json.parse("{\"branch\":{\"outer\":\"o\",\"seen\":\"inside\"},\"seen\":\"before\"}"));
  }

  @Test
  void mapIterationsReadOuterVariables() {
    String def = """
        {"StartAt":"Set","States":{
          "Set":{"Type":"Pass","Assign":{"factor":"x"},"Next":"M"},
          "M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{
               "I":{"Type":"Pass","Parameters":{"v.$":"$","f.$":"$factor"},"End":true}}},"End":true}}}""";
    assertThat(Json.parse(f.run(def, "[1,2]").output()))
        .isEqualTo(Json.parse("[{\"v\":1,\"f\":\"x\"},{\"v\":2,\"f\":\"x\"}]"));
  }

  @Test
  void aCatcherAssignsFromTheErrorOutput() {
    String def = """
        {"StartAt":"Boom","States":{
          "Boom":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:boom",
                  "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handled","Assign":{"why.$":"$.Error"}}],"End":true},
          "Handled":{"Type":"Pass","Parameters":{"why.$":"$why"},"End":true}}}""";
    f.functions.register("boom", in -> { throw new LambdaFunctionException("Custom.Boom", "no"); });
    assertThat(f.run(def, "{}").output()).isEqualTo("{\"why\":\"Custom.Boom\"}");
  }

  @Test
  void aVariableOver256KiBFailsWithStatesDataLimitExceeded() {
    String def = """
        {"StartAt":"Big","States":{"Big":{"Type":"Pass","Assign":{"big.$":"$.text"},"End":true}}}""";
    String text = "x".repeat(257 * 1024);
    ExecutionDescription d = f.run(def, Json.write(Json.object().put("text", text)));
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.DataLimitExceeded");
  }

  @Test
  void anInvalidVariableNameIsRefusedAtCreateTime() {
    String def = """
        {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"1x":1},"End":true}}}""";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.machine(def))
        .isInstanceOf(SfnServiceException.class).hasMessageContaining("'1x' is not a valid variable name");
  }
}
