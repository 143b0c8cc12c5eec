package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.local.sfn.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JSONata states. Expected values follow the AWS Step Functions developer guide, "Transforming
 * data with JSONata in Step Functions" (QueryLanguage at the top or per state; Arguments, Output,
 * Assign; {@code $states.input/.result/.errorOutput/.context}; Condition in Choice; Items and
 * ItemSelector in Map; the functions AWS adds: $partition, $range, $hash, $random, $uuid, $parse;
 * an evaluation error is States.QueryEvaluationError) and the JSONata language reference for the
 * built-in functions.
 */
class JsonataTest {

  private static final String FN = "arn:aws:lambda:us-east-1:000000000000:function:";

  private final EngineFixture f = EngineFixture.fast();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void aTaskGetsItsArgumentsAndShapesItsOutputFromTheResult() {
    f.functions.register("price", p -> "{\"total\":" + (Json.parse(p).get("qty").asInt() * 5) + "}");
    String def = """
        {"QueryLanguage":"JSONata","StartAt":"Price","States":{
          "Price":{"Type":"Task","Resource":"%sprice",
                   "Arguments":{"qty":"{%% $states.input.lines[0].qty %%}"},
                   "Output":{"order":"{%% $states.input.id %%}","total":"{%% $states.result.total %%}",
                             "upper":"{%% $uppercase($states.input.id) %%}","literal":"as is"},
                   "End":true}}}""".formatted(FN);
    ExecutionDescription d = f.run(def, "{\"id\":\"o1\",\"lines\":[{\"qty\":3}]}");
    assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"order\":\"o1\",\"total\":15,\"upper\":\"O1\",\"literal\":\"as is\"}"));
  }

  @Test
  void withoutOutputATaskOutputsItsResultAndAPassItsInput() {
    f.functions.register("echo", p -> "{\"echo\":true}");
    String def = """
        {"QueryLanguage":"JSONata","StartAt":"P","States":{
          "P":{"Type":"Pass","Next":"T"},
          "T":{"Type":"Task","Resource":"%secho","End":true}}}""".formatted(FN);
    assertThat(f.run(def, "{\"a\":1}").output()).isEqualTo("{\"echo\":true}");
  }

  @Test
  void choiceConditionsAndVariablesAcrossStates() {
    String def = """
        {"QueryLanguage":"JSONata","StartAt":"Remember","States":{
          "Remember":{"Type":"Pass","Assign":{"total":"{% $sum($states.input.lines.price) %}"},"Next":"Route"},
          "Route":{"Type":"Choice","Choices":[
             {"Condition":"{% $total > 100 %}","Next":"Review","Output":{"why":"{% 'total ' & $string($total) %}"}}],
             "Default":"Ship"},
          "Review":{"Type":"Succeed"},
          "Ship":{"Type":"Pass","Output":{"ship":"{% $total %}"},"End":true}}}""";
    assertThat(f.run(def, "{\"lines\":[{\"price\":60},{\"price\":50}]}").output()).isEqualTo("{\"why\":\"total 110\"}");
    assertThat(f.run(def, "{\"lines\":[{\"price\":10}]}").output()).isEqualTo("{\"ship\":10}");
  }

  @Test
  void perStateQueryLanguageInAJsonPathMachine() {
    String def = """
        {"StartAt":"Path","States":{
          "Path":{"Type":"Pass","Parameters":{"n.$":"$.n"},"Next":"Ata"},
          "Ata":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $states.input.n * 2 %}","End":true}}}""";
    assertThat(f.run(def, "{\"n\":21}").output()).isEqualTo("42");
  }

  @Test
  void mapItemsAndItemSelector() {
    String def = """
        {"QueryLanguage":"JSONata","StartAt":"M","States":{
          "M":{"Type":"Map","Items":"{% $states.input.skus %}",
               "ItemSelector":{"sku":"{% $states.context.Map.Item.Value %}","index":"{% $states.context.Map.Item.Index %}"},
               "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},
               "Output":"{% $states.result.sku %}","End":true}}}""";
    assertThat(Json.parse(f.run(def, "{\"skus\":[\"a\",\"b\"]}").output())).isEqualTo(Json.parse("[\"a\",\"b\"]"));
  }

  @Test
  void aCatcherOutputsFromTheErrorOutput() {
    f.functions.register("boom", p -> { throw new LambdaFunctionException("Custom.Boom", "went wrong"); });
    String def = """
        {"QueryLanguage":"JSONata","StartAt":"T","States":{
          "T":{"Type":"Task","Resource":"%sboom",
               "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handled",
                         "Output":{"error":"{%% $states.errorOutput.Error %%}","input":"{%% $states.input.id %%}"}}],"End":true},
          "Handled":{"Type":"Pass","End":true}}}""".formatted(FN);
    assertThat(Json.parse(f.run(def, "{\"id\":\"o1\"}").output()))
        .isEqualTo(Json.parse("{\"error\":\"Custom.Boom\",\"input\":\"o1\"}"));
  }

  @Test
  void awsFunctions() {
    String def = """
        {"QueryLanguage":"JSONata","StartAt":"F","States":{
          "F":{"Type":"Pass","Output":{
               "partition":"{% $partition([1,2,3,4,5], 2) %}",
               "range":"{% $range(0, 10, 5) %}",
               "hash":"{% $hash('input data', 'SHA-256') %}",
               "parse":"{% $parse('{\\"a\\":[1]}') %}",
               "uuidLength":"{% $length($uuid()) %}",
               "random":"{% $random() < 1 %}"},"End":true}}}""";
    ExecutionDescription d = f.run(def, "{}");
    assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // $hash: the same SHA-256 the intrinsic States.Hash documents for 'input data'
    assertThat(Json.parse(d.output())).isEqualTo(Json.parse("""
        {"partition":[[1,2],[3,4],[5]],"range":[0,5,10],
         "hash":"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3",
         "parse":{"a":[1]},"uuidLength":36,"random":true}"""));
  }

  @Test
  void anEvaluationErrorIsStatesQueryEvaluationError() {
    String def = """
        {"QueryLanguage":"JSONata","StartAt":"F","States":{
          "F":{"Type":"Pass","Output":"{% $states.input.n + 'x' %}","End":true}}}""";
    ExecutionDescription d = f.run(def, "{\"n\":1}");
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.QueryEvaluationError");
  }

  @Test
  void jsonPathFieldsAndBadExpressionsAreRefusedAtCreateTime() {
    assertThatThrownBy(() -> f.machine("""
        {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.a","End":true}}}"""))
        .isInstanceOf(SfnServiceException.class).hasMessageContaining("Field 'InputPath' is not supported");
    assertThatThrownBy(() -> f.machine("""
        {"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input.( %}","End":true}}}"""))
        .isInstanceOf(SfnServiceException.class).hasMessageContaining("is not valid");
  }

  @Test
  void waitSecondsFromAnExpression() {
    String def = """
        {"QueryLanguage":"JSONata","StartAt":"W","States":{
          "W":{"Type":"Wait","Seconds":"{% $states.input.delay %}","Next":"Done"},
          "Done":{"Type":"Fail","Error":"{% 'Waited.' & $string($states.input.delay) %}","Cause":"fixed"}}}""";
    ExecutionDescription d = f.run(def, "{\"delay\":2}");
    assertThat(d.error()).isEqualTo("Waited.2");
    assertThat(d.cause()).isEqualTo("fixed");
  }
}
