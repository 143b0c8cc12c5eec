package io.orderflow.local.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Definitions the service refuses with InvalidDefinition, and DefinitionSubstitutions. */
class DefinitionValidationTest {

  private static final StepFunctionsEngine ENGINE = StepFunctionsEngine.builder().build();

  @AfterAll
  static void close() {
    ENGINE.close();
  }

  private static String states(String states) {
    return "{\"StartAt\":\"A\",\"States\":{" + states + "}}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad JSON|{\"StartAt\":|INVALID_JSON_DESCRIPTION",
      "missing StartAt|{\"States\":{\"A\":{\"Type\":\"Succeed\"}}}|'StartAt' is required",
      "unknown StartAt|{\"StartAt\":\"X\",\"States\":{\"A\":{\"Type\":\"Succeed\"}}}|StartAt 'X' is not a state",
      "Next to nowhere|{\"StartAt\":\"Reserve\",\"States\":{\"Reserve\":{\"Type\":\"Pass\",\"Next\":\"Nope\"}}}|State 'Reserve' has Next 'Nope' which is not a state",
      "missing Type|{\"StartAt\":\"A\",\"States\":{\"A\":{\"End\":true}}}|State 'A' has no Type",
      "unknown Type|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Magic\",\"End\":true}}}|unknown Type 'Magic'",
      "no End nor Next|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\"}}}|must have either Next or \"End\": true",
      "Choice without Choices|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Choice\",\"Default\":\"A\"}}}|needs a non-empty Choices",
      "unknown field|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Colour\":\"red\",\"End\":true}}}|Field 'Colour' is not supported",
      "unreachable state|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"},\"B\":{\"Type\":\"Succeed\"}}}|State 'B' is not reachable",
      "unknown resource|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::sns:publish\",\"End\":true}}}|is not supported",
      "States.ALL not alone|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Retry\":[{\"ErrorEquals\":[\"States.ALL\",\"X\"]}],\"End\":true}}}|States.ALL must appear alone",
      "States.ALL not last|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"A\"},{\"ErrorEquals\":[\"X\"],\"Next\":\"A\"}],\"End\":true}}}|in the last catcher",
      "Catch to nowhere|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Catch\":[{\"ErrorEquals\":[\"X\"],\"Next\":\"Gone\"}],\"End\":true}}}|Catch with Next 'Gone'",
      "bad ResultPath|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"ResultPath\":\"$..x\",\"End\":true}}}|ResultPath must be a reference path",
      "bad path in Parameters|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Parameters\":{\"x.$\":\"nope\"},\"End\":true}}}|'x.$' must be a valid JSONPath",
      "bad intrinsic|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Parameters\":{\"x.$\":\"States.Bogus(1)\"},\"End\":true}}}|Unknown intrinsic function States.Bogus",
      "choice rule without operator|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\",\"Next\":\"A\"}]}}}|exactly one comparison operator",
      "choice operand of the wrong type|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.x\",\"NumericEquals\":\"1\",\"Next\":\"A\"}]}}}|NumericEquals has the wrong type",
      "two Wait fields|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Wait\",\"Seconds\":1,\"Timestamp\":\"2024-01-01T00:00:00Z\",\"End\":true}}}|exactly one of Seconds",
      "heartbeat not below timeout|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\",\"TimeoutSeconds\":5,\"HeartbeatSeconds\":5,\"End\":true}}}|HeartbeatSeconds must be smaller",
      "Parallel branch with its own error|{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Parallel\",\"End\":true,\"Branches\":[{\"StartAt\":\"B\",\"States\":{\"B\":{\"Type\":\"Pass\",\"Next\":\"A\"}}}]}}}|State 'B' has Next 'A' which is not a state",
  })
  void refused(String what, String definition, String expectedMessagePart) {
    assertThatThrownBy(() -> ENGINE.createStateMachine("invalid", definition))
        .isInstanceOfSatisfying(SfnServiceException.class, e -> {
          assertThat(e.errorCode()).isEqualTo("InvalidDefinition");
          assertThat(e.getMessage()).contains(expectedMessagePart);
        });
  }

  @Test
  void theMessageNamesTheLocationOfTheProblem() {
    assertThatThrownBy(() -> ENGINE.createStateMachine("invalid", states("\"A\":{\"Type\":\"Pass\",\"Next\":\"Nope\"}")))
        .hasMessageContaining("MISSING_TRANSITION_TARGET").hasMessageContaining("at /States/A/Next");
  }

  @Test
  void createIsIdempotentForTheSameDefinitionAndRefusesAnother() {
    String def = states("\"A\":{\"Type\":\"Succeed\"}");
    String arn = ENGINE.createStateMachine("same", def);
    assertThat(arn).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:same");
    assertThat(ENGINE.createStateMachine("same", def)).isEqualTo(arn);
    assertThatThrownBy(() -> ENGINE.createStateMachine("same", states("\"A\":{\"Type\":\"Pass\",\"End\":true}")))
        .isInstanceOfSatisfying(SfnServiceException.class, e -> assertThat(e.errorCode()).isEqualTo("StateMachineAlreadyExists"));
  }

  @Test
  void regionAndAccountAreConfigurable() {
    try (StepFunctionsEngine other = StepFunctionsEngine.builder().region("eu-west-1").accountId("123456789012").build()) {
      assertThat(other.createStateMachine("m", states("\"A\":{\"Type\":\"Succeed\"}")))
          .isEqualTo("arn:aws:states:eu-west-1:123456789012:stateMachine:m");
    }
  }

  @Test
  void substitutionsFillPlaceholdersAsRawText() {
    String template = "{\"FunctionName\":\"${ValidateFunctionArn}\",\"QueueUrl\":\"${CarrierRequestsQueueUrl}\",\"Literal\":\"${!NotMe}\"}";
    String filled = DefinitionSubstitutions.apply(template, Map.of(
        "ValidateFunctionArn", "arn:aws:lambda:us-east-1:000000000000:function:validate",
        "CarrierRequestsQueueUrl", "http://localhost:9324/000000000000/carrier-requests",
        "Unused", "x"));
    assertThat(filled).isEqualTo("{\"FunctionName\":\"arn:aws:lambda:us-east-1:000000000000:function:validate\","
        + "\"QueueUrl\":\"http://localhost:9324/000000000000/carrier-requests\",\"Literal\":\"${NotMe}\"}");
    assertThat(DefinitionSubstitutions.placeholders(template)).containsExactly("CarrierRequestsQueueUrl", "ValidateFunctionArn");
  }

  @Test
  void substitutionsListEveryPlaceholderLeftUnfilled() {
    assertThatThrownBy(() -> DefinitionSubstitutions.apply("${A} ${B} ${C}", Map.of("B", "b")))
        .isInstanceOfSatisfying(DefinitionSubstitutions.UnfilledPlaceholdersException.class, e -> {
          assertThat(e.missing()).containsExactly("A", "C");
          assertThat(e.getMessage()).contains("A, C");
        });
  }
}
