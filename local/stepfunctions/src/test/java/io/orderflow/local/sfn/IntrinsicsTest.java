package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.local.sfn.json.Intrinsics;
import io.orderflow.local.sfn.json.Json;
import io.orderflow.local.sfn.runtime.StatesError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every intrinsic function, argument parsing, and States.IntrinsicFailure on bad arguments. */
class IntrinsicsTest {

  private static final JsonNode INPUT = Json.parse("""
      {"name":"Arnav","template":"Hello, my name is {}.","arr":[1,2,2,3,"a","a"],"obj":{"foo":"bar"},
       "json":"{\\"foo\\": \\"bar\\"}","num":5,"text":"1,2,3,4,5"}""");
  private static final JsonNode CONTEXT = Json.parse("{\"Execution\":{\"Name\":\"exec-7\"}}");

  private static JsonNode eval(String invocation) {
    return Intrinsics.evaluate(invocation, INPUT, CONTEXT);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "States.Format('Hello, my name is {}.', $.name)|\"Hello, my name is Arnav.\"",
      "States.Format($.template, $.name)|\"Hello, my name is Arnav.\"",
      "States.Format('{} has {} items and {}', $.name, $.num, true)|\"Arnav has 5 items and true\"",
      // escapes as they read after JSON decoding: \{ \} \' and \\ are literal characters
      "States.Format('literal \\{\\} and \\' quote \\\\ slash {}', 'x')|\"literal {} and ' quote \\\\ slash x\"",
      "States.Format('run {}', $$.Execution.Name)|\"run exec-7\"",
      "States.StringToJson($.json)|{\"foo\":\"bar\"}",
      "States.JsonToString($.obj)|\"{\\\"foo\\\":\\\"bar\\\"}\"",
      "States.Array($.name, 1, 'two', null, States.Array())|[\"Arnav\",1,\"two\",null,[]]",
      "States.ArrayPartition(States.Array(1,2,3,4,5), 2)|[[1,2],[3,4],[5]]",
      "States.ArrayContains($.arr, 3)|true",
      "States.ArrayContains($.arr, 9)|false",
      "States.ArrayRange(1, 9, 2)|[1,3,5,7,9]",
      "States.ArrayRange(5, 1, -2)|[5,3,1]",
      "States.ArrayGetItem($.arr, 4)|\"a\"",
      "States.ArrayLength($.arr)|6",
      "States.ArrayUnique($.arr)|[1,2,3,\"a\"]",
      "States.Base64Encode('Data to encode')|\"RGF0YSB0byBlbmNvZGU=\"",
      "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')|\"Data to encode\"",
      "States.Hash('input data', 'MD5')|\"812f45842bc6d66ee14572ce20db8e86\"",
      "States.Hash('input data', 'SHA-1')|\"aaff4a450a104cd177d28d18d74485e8cae074b7\"",
      "States.Hash('input data', 'SHA-256')|\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\"",
      "States.JsonMerge($.obj, States.StringToJson('{\"foo\":1,\"x\":2}'), false)|{\"foo\":1,\"x\":2}",
      "States.MathAdd($.num, -7)|-2",
      // AWS rounds each MathAdd argument half up first (issue #17: 1.49 + 1.5 = 3): 1.5 + 2 = 2 + 2
      "States.MathAdd(1.5, 2)|4",
      "States.StringSplit($.text, ',')|[\"1\",\"2\",\"3\",\"4\",\"5\"]",
      "States.StringSplit('This.is+a,test=string', '.+,=')|[\"This\",\"is\",\"a\",\"test\",\"string\"]",
  })
  void evaluates(String invocation, String expectedJson) {
    assertThat(eval(invocation)).isEqualTo(Json.parse(expectedJson));
  }

  @Test
  void hashSupportsSha384AndSha512() {
    assertThat(eval("States.Hash('abc', 'SHA-384')").asText()).hasSize(96).startsWith("cb00753f45a35e8b");
    assertThat(eval("States.Hash('abc', 'SHA-512')").asText()).hasSize(128).startsWith("ddaf35a193617aba");
  }

  @Test
  void mathRandomStaysInRangeAndIsRepeatableWithASeed() {
    for (int i = 0; i < 50; i++) {
      int value = eval("States.MathRandom(1, 4)").asInt();
      assertThat(value).isBetween(1, 3);
    }
    assertThat(eval("States.MathRandom(0, 1000, 42)")).isEqualTo(eval("States.MathRandom(0, 1000, 42)"));
  }

  @Test
  void uuidIsAVersion4Uuid() {
    assertThat(eval("States.UUID()").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(eval("States.UUID()")).isNotEqualTo(eval("States.UUID()"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "States.Format('{} and {}', 'one')",
      "States.Format('{}', 'one', 'two')",
      "States.StringToJson('{not json')",
      "States.ArrayPartition($.arr, 0)",
      "States.ArrayContains($.name, 1)",
      "States.ArrayRange(1, 5, 0)",
      "States.ArrayRange(0, 5000, 1)",
      "States.ArrayGetItem($.arr, 6)",
      "States.ArrayLength($.obj)",
      "States.Base64Decode('%%%')",
      "States.Hash('x', 'SHA-999')",
      "States.JsonMerge($.obj, $.obj, true)",
      "States.MathRandom(5, 5)",
      "States.MathAdd('1', 2)",
      "States.StringSplit($.num, ',')",
      "States.UUID(1)",
      "States.Nope(1)",
      "States.Format('unterminated)",
  })
  void badArgumentsAreIntrinsicFailure(String invocation) {
    assertThatThrownBy(() -> eval(invocation))
        .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.error()).isEqualTo("States.IntrinsicFailure"));
  }

  @Test
  void aPathArgumentThatMatchesNothingIsStatesRuntime() {
    assertThatThrownBy(() -> eval("States.Array($.missing)"))
        .isInstanceOfSatisfying(StatesError.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
  }

  @Test
  void intrinsicsRunInsideParametersAndTheirFailureCanBeCaught() {
    try (EngineFixture f = EngineFixture.fast()) {
      f.functions.register("echo", p -> p);
      String def = """
          {"StartAt":"T","States":{
            "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                 "Parameters":{"FunctionName":"echo","Payload":{"greeting.$":"States.Format('Hi {}', $.name)","bad.$":"States.ArrayGetItem($.list, 9)"}},
                 "Catch":[{"ErrorEquals":["States.IntrinsicFailure"],"ResultPath":"$.error","Next":"Recovered"}],"End":true},
            "Recovered":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('Hi {}', $.name)","error.$":"$.error.Error"},"End":true}}}""";
      ExecutionDescription d = f.run(def, "{\"name\":\"Ann\",\"list\":[1]}");
      assertThat(d.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(Json.parse(d.output())).isEqualTo(Json.parse("{\"greeting\":\"Hi Ann\",\"error\":\"States.IntrinsicFailure\"}"));
    }
  }
}
