package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.asl.ChoiceRules;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.query.Bindings;
import io.orderflow.local.sfn.query.JsonPathQuery;
import io.orderflow.local.sfn.runtime.StatesError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every comparison operator, its Path variant, the type tests and the combinators. */
class ChoiceStateTest {

  private static final JsonNode INPUT = Json.parse("""
      {"s":"m","n":5,"b":true,"t":"2024-05-01T10:00:00Z","nul":null,
       "lo":"a","hi":"z","five":5,"four":4,"six":6,"yes":true,"tEarly":"2024-01-01T00:00:00Z","tSame":"2024-05-01T12:00:00+02:00"}""");

  private static boolean matches(String rule) {
    return JsonPathQuery.INSTANCE.matches(ChoiceRules.parse(Json.parse(rule)), INPUT, Bindings.of(Json.object()));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "$.s|StringEquals|\"m\"|true",
      "$.s|StringEquals|\"x\"|false",
      "$.s|StringLessThan|\"n\"|true",
      "$.s|StringLessThan|\"m\"|false",
      "$.s|StringGreaterThan|\"a\"|true",
      "$.s|StringGreaterThan|\"m\"|false",
      "$.s|StringLessThanEquals|\"m\"|true",
      "$.s|StringLessThanEquals|\"l\"|false",
      "$.s|StringGreaterThanEquals|\"m\"|true",
      "$.s|StringGreaterThanEquals|\"n\"|false",
      "$.n|NumericEquals|5|true",
      "$.n|NumericEquals|5.0|true",
      "$.n|NumericEquals|6|false",
      "$.n|NumericLessThan|6|true",
      "$.n|NumericLessThan|5|false",
      "$.n|NumericGreaterThan|4.5|true",
      "$.n|NumericGreaterThan|5|false",
      "$.n|NumericLessThanEquals|5|true",
      "$.n|NumericLessThanEquals|4|false",
      "$.n|NumericGreaterThanEquals|5|true",
      "$.n|NumericGreaterThanEquals|6|false",
      "$.b|BooleanEquals|true|true",
      "$.b|BooleanEquals|false|false",
      "$.t|TimestampEquals|\"2024-05-01T12:00:00+02:00\"|true",
      "$.t|TimestampEquals|\"2024-05-01T10:00:01Z\"|false",
      "$.t|TimestampLessThan|\"2024-05-01T10:00:01Z\"|true",
      "$.t|TimestampLessThan|\"2024-05-01T10:00:00Z\"|false",
      "$.t|TimestampGreaterThan|\"2024-01-01T00:00:00Z\"|true",
      "$.t|TimestampGreaterThan|\"2025-01-01T00:00:00Z\"|false",
      "$.t|TimestampLessThanEquals|\"2024-05-01T10:00:00Z\"|true",
      "$.t|TimestampLessThanEquals|\"2024-05-01T09:59:59Z\"|false",
      "$.t|TimestampGreaterThanEquals|\"2024-05-01T10:00:00Z\"|true",
      "$.t|TimestampGreaterThanEquals|\"2024-05-01T10:00:01Z\"|false",
      // a variable of the wrong type is simply not a match
      "$.s|NumericEquals|5|false",
      "$.n|StringEquals|\"5\"|false",
      "$.s|TimestampEquals|\"2024-05-01T10:00:00Z\"|false",
      "$.n|BooleanEquals|true|false",
      // Path variants compare with another value of the input
      "$.s|StringEqualsPath|\"$.s\"|true",
      "$.s|StringLessThanPath|\"$.hi\"|true",
      "$.s|StringGreaterThanPath|\"$.lo\"|true",
      "$.s|StringLessThanEqualsPath|\"$.lo\"|false",
      "$.s|StringGreaterThanEqualsPath|\"$.hi\"|false",
      "$.n|NumericEqualsPath|\"$.five\"|true",
      "$.n|NumericLessThanPath|\"$.six\"|true",
      "$.n|NumericGreaterThanPath|\"$.four\"|true",
      "$.n|NumericLessThanEqualsPath|\"$.four\"|false",
      "$.n|NumericGreaterThanEqualsPath|\"$.six\"|false",
      "$.b|BooleanEqualsPath|\"$.yes\"|true",
      "$.t|TimestampEqualsPath|\"$.tSame\"|true",
      "$.t|TimestampLessThanPath|\"$.tEarly\"|false",
      "$.t|TimestampGreaterThanPath|\"$.tEarly\"|true",
      "$.t|TimestampLessThanEqualsPath|\"$.tSame\"|true",
      "$.t|TimestampGreaterThanEqualsPath|\"$.tSame\"|true",
      // type tests
      "$.s|IsString|true|true",
      "$.n|IsString|true|false",
      "$.n|IsNumeric|true|true",
      "$.s|IsNumeric|false|true",
      "$.b|IsBoolean|true|true",
      "$.nul|IsNull|true|true",
      "$.s|IsNull|true|false",
      "$.t|IsTimestamp|true|true",
      "$.s|IsTimestamp|true|false",
      "$.s|IsPresent|true|true",
      "$.absent|IsPresent|true|false",
      "$.absent|IsPresent|false|true",
  })
  void comparison(String variable, String operator, String operand, boolean expected) {
    assertThat(matches("{\"Variable\":\"" + variable + "\",\"" + operator + "\":" + operand + "}")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} matches {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "log-2024.txt|log-*.txt|true",
      "log-.txt|log-*.txt|true",
      "log-2024.csv|log-*.txt|false",
      "a*b|a\\\\*b|true",
      "axb|a\\\\*b|false",
      "anything|*|true",
  })
  void stringMatchesUsesStarWildcardsAndEscapes(String value, String pattern, boolean expected) {
    JsonNode rule = Json.object().put("Variable", "$.v").put("StringMatches", pattern.replace("\\\\", "\\"));
    assertThat(JsonPathQuery.INSTANCE.matches(ChoiceRules.parse(rule), Json.object().put("v", value), Bindings.of(Json.object()))).isEqualTo(expected);
  }

  @Test
  void andOrNotCombineRules() {
    assertThat(matches("{\"And\":[{\"Variable\":\"$.n\",\"NumericGreaterThan\":1},{\"Variable\":\"$.s\",\"StringEquals\":\"m\"}]}")).isTrue();
    assertThat(matches("{\"And\":[{\"Variable\":\"$.n\",\"NumericGreaterThan\":1},{\"Variable\":\"$.s\",\"StringEquals\":\"x\"}]}")).isFalse();
    assertThat(matches("{\"Or\":[{\"Variable\":\"$.n\",\"NumericGreaterThan\":10},{\"Variable\":\"$.s\",\"StringEquals\":\"m\"}]}")).isTrue();
    assertThat(matches("{\"Or\":[{\"Variable\":\"$.n\",\"NumericGreaterThan\":10},{\"Variable\":\"$.s\",\"StringEquals\":\"x\"}]}")).isFalse();
    assertThat(matches("{\"Not\":{\"Variable\":\"$.s\",\"StringEquals\":\"x\"}}")).isTrue();
  }

  @Test
  void aMissingVariableIsStatesRuntimeExceptForIsPresent() {
    assertThatThrownBy(() -> matches("{\"Variable\":\"$.absent\",\"StringEquals\":\"x\"}"))
        .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
    assertThatThrownBy(() -> matches("{\"Variable\":\"$.s\",\"StringEqualsPath\":\"$.absent\"}"))
        .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
  }

  @Test
  void choiceStateTakesTheFirstMatchThenDefaultThenFailsWithNoChoiceMatched() {
    String def = """
        {"StartAt":"C","States":{
          "C":{"Type":"Choice","Choices":[
             {"Variable":"$.n","NumericLessThan":0,"Next":"Negative"},
             {"Variable":"$.n","NumericLessThan":10,"Next":"Small"},
             {"Variable":"$.n","NumericLessThan":100,"Next":"Never"}],
           "Default":"Big"},
          "Negative":{"Type":"Pass","Result":"negative","End":true},
          "Small":{"Type":"Pass","Result":"small","End":true},
          "Never":{"Type":"Pass","Result":"medium","End":true},
          "Big":{"Type":"Pass","Result":"big","End":true}}}""";
    try (EngineFixture f = EngineFixture.fast()) {
      assertThat(f.run(def, "{\"n\":-1}").output()).isEqualTo("\"negative\"");
      assertThat(f.run(def, "{\"n\":3}").output()).isEqualTo("\"small\"");
      assertThat(f.run(def, "{\"n\":1000}").output()).isEqualTo("\"big\"");

      String noDefault = def.replace(",\n           \"Default\":\"Big\"", "").replace("\"Big\":{\"Type\":\"Pass\",\"Result\":\"big\",\"End\":true}", "\"Big\":{\"Type\":\"Pass\",\"End\":true}");
      String withoutDefault = """
          {"StartAt":"C","States":{
            "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":0,"Next":"Negative"}]},
            "Negative":{"Type":"Pass","End":true}}}""";
      ExecutionDescription failed = f.run(withoutDefault, "{\"n\":5}");
      assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(failed.error()).isEqualTo("States.NoChoiceMatched");
      assertThat(noDefault).isNotEqualTo(def);
    }
  }
}
