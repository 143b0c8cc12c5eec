package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.local.sfn.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The corners where the engine disagreed with executions recorded on AWS (issue #17). Each
 * expected value says where it comes from.
 */
class AwsParityTest {

  private final EngineFixture f = EngineFixture.fast();

  @AfterEach
  void close() {
    f.close();
  }

  private static String pass(String parameters) {
    return "{\"StartAt\":\"S\",\"States\":{\"S\":{\"Type\":\"Pass\",\"Parameters\":" + parameters + ",\"End\":true}}}";
  }

  private String output(String parameters, String input) {
    ExecutionDescription d = f.run(pass(parameters), input);
    assertThat(d.status()).as("%s: %s", d.error(), d.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    return d.output();
  }

  @Test
  void mathAddRoundsEachArgumentHalfUpFirst() {
    // issue #17, recorded on AWS: 1.49 + 1.5 -> 3 and -0.5 + 0 -> 0
    assertThat(output("{\"v.$\":\"States.MathAdd(1.49, 1.5)\"}", "{}")).isEqualTo("{\"v\":3}");
    assertThat(output("{\"v.$\":\"States.MathAdd(-0.5, 0)\"}", "{}")).isEqualTo("{\"v\":0}");
  }

  @Test
  void mathRandomAcceptsNonIntegerBounds() {
    // issue #17, recorded on AWS: States.MathRandom(12.5, 44.51) succeeds (bounds rounded to 13 and 45)
    int value = Json.parse(output("{\"v.$\":\"States.MathRandom(12.5, 44.51)\"}", "{}")).get("v").asInt();
    assertThat(value).isBetween(13, 44);
  }

  @Test
  void aWildcardOnAMissingPathIsAnEmptyArray() {
    // issue #17, recorded on AWS: $.items[*] on {} gives []
    assertThat(output("{\"all.$\":\"$.items[*]\"}", "{}")).isEqualTo("{\"all\":[]}");
  }

  @Test
  void inputPathAndOutputPathMayAddressTheContextObject() {
    // AWS developer guide, "InputPath": $$ paths are allowed in InputPath and OutputPath
    String def = """
        {"StartAt":"S","States":{"S":{"Type":"Pass","InputPath":"$$.Execution.Input","Next":"T"},
                                 "T":{"Type":"Pass","OutputPath":"$$.Execution.Input.a","End":true}}}""";
    assertThat(f.run(def, "{\"a\":{\"b\":1}}").output()).isEqualTo("{\"b\":1}");
  }

  @Test
  void formatRendersObjectsAndArraysTheAwsWay() {
    // issue #17, recorded on AWS: an object argument renders as {Arg1=1, Arg2=[]}
    assertThat(output("{\"v.$\":\"States.Format('x {} y {}', $.o, $.a)\"}", "{\"o\":{\"Arg1\":1,\"Arg2\":[]},\"a\":[\"p\",2]}"))
        .isEqualTo("{\"v\":\"x {Arg1=1, Arg2=[]} y [p, 2]\"}");
  }

  @Test
  void stringToJsonOfABlankStringIsNull() {
    // issue #17, recorded on AWS: States.StringToJson('') and (' ') give null
    assertThat(output("{\"a.$\":\"States.StringToJson('')\",\"b.$\":\"States.StringToJson(' ')\"}", "{}"))
        .isEqualTo("{\"a\":null,\"b\":null}");
  }

  @Test
  void aStateOutputOver256KiBIsStatesDataLimitExceeded() {
    // AWS quotas: 256 KiB per state input or output; the terminal error is States.DataLimitExceeded
    String def = """
        {"StartAt":"S","States":{"S":{"Type":"Pass","Parameters":{"a.$":"$.t","b.$":"$.t"},"End":true}}}""";
    ExecutionDescription d = f.run(def, Json.write(Json.object().put("t", "x".repeat(200 * 1024))));
    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(d.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(d.cause()).isEqualTo("The state/task 'S' returned a result with a size exceeding the maximum number of bytes service limit.");
  }

  @Test
  void theStateObjectOfAPassStateHasNoRetryCount() {
    // issue #17, recorded on AWS: $$.State in a Pass state is {EnteredTime, Name}
    String out = output("{\"s.$\":\"$$.State\"}", "{}");
    assertThat(Json.parse(out).get("s").has("RetryCount")).isFalse();
    assertThat(Json.parse(out).get("s").get("Name").asText()).isEqualTo("S");
  }

  @Test
  void bracketKeysWithEscapedQuotesResolve() {
    // issue #17, recorded on AWS: $['a\\"b'] selects the key a"b
    assertThat(output("{\"v.$\":\"$['a\\\\\\\"b']\"}", "{\"a\\\"b\":7}")).isEqualTo("{\"v\":7}");
  }

  @Test
  void runtimeErrorsNameTheStateAndItsEnteredEvent() {
    // AWS wording: "An error occurred while executing the state 'X' (entered at the event id #N). ..."
    ExecutionDescription d = f.run(pass("{\"v.$\":\"$.missing\"}"), "{}");
    assertThat(d.error()).isEqualTo("States.Runtime");
    assertThat(d.cause()).startsWith("An error occurred while executing the state 'S' (entered at the event id #2). ")
        .contains("$.missing");
  }

  @Test
  void aNegativeSecondsPathIsWordedAsAws() {
    // issue #17, AWS wording: The SecondsPath parameter references a negative value: $.path == -1
    String def = """
        {"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.path","End":true}}}""";
    ExecutionDescription d = f.run(def, "{\"path\":-1}");
    assertThat(d.error()).isEqualTo("States.Runtime");
    assertThat(d.cause()).isEqualTo("An error occurred while executing the state 'W' (entered at the event id #2). "
        + "The SecondsPath parameter references a negative value: $.path == -1");
  }
}
